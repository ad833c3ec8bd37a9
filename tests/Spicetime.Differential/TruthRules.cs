using Spicetime.Tree.Paths;
using System.Xml;
using System.Xml.Linq;

namespace Spicetime.Differential;

/// <summary>
/// Which projects a change affects according to full MSBuild evaluation at both revisions: a project is affected when
/// a changed file is its project file, a file it imports (at either revision), a file its items or properties name,
/// an .editorconfig/.globalconfig above its sources, or global.json / NuGet.config / Directory.Build.rsp above it; a
/// changed file that only changed PackageVersion items affects it when the version of a package it references
/// changed; and a project that references an affected project is affected. Written apart from Spicetime's rules, on
/// MSBuild's answers, so that the two can disagree.
/// </summary>
public static class TruthRules
{
    private static readonly string[] RepositoryWide = { "global.json", "nuget.config", "directory.build.rsp" };

    public static SortedDictionary<string, string> Affected(
        IReadOnlyDictionary<string, ProjectFacts> before, IReadOnlyDictionary<string, ProjectFacts> after, IReadOnlyList<string> changed,
        Func<string, byte[]?> readBefore, Func<string, byte[]?> readAfter)
    {
        var files = changed.ToHashSet(StringComparer.Ordinal);
        var versionsOnly = new Dictionary<string, bool>(StringComparer.Ordinal);
        bool OnlyVersions(string file) => versionsOnly.TryGetValue(file, out var known) ? known : versionsOnly[file] = SameWithoutVersions(readBefore(file), readAfter(file));

        var affected = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, now) in after)
        {
            var then = before.GetValueOrDefault(path);
            var reason = Direct(path, now, then, files, OnlyVersions);
            if (reason is not null)
            {
                affected[path] = reason;
            }
        }

        // Referencing projects, transitively (references at either revision).
        var referencedBy = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (path, now) in after)
        {
            foreach (var reference in now.References.Concat(before.GetValueOrDefault(path)?.References ?? Enumerable.Empty<string>()).Distinct())
            {
                (referencedBy.TryGetValue(reference, out var list) ? list : referencedBy[reference] = new List<string>()).Add(path);
            }
        }

        var pending = new Queue<string>(affected.Keys.Concat(changed.Where(f => !after.ContainsKey(f) && before.ContainsKey(f))));
        while (pending.Count > 0)
        {
            var project = pending.Dequeue();
            foreach (var dependent in referencedBy.GetValueOrDefault(project) ?? new List<string>())
            {
                if (affected.TryAdd(dependent, $"references {project}"))
                {
                    pending.Enqueue(dependent);
                }
            }
        }

        return affected;
    }

    private static string? Direct(string path, ProjectFacts now, ProjectFacts? then, HashSet<string> files, Func<string, bool> onlyVersions)
    {
        if (files.Contains(path))
        {
            return "project file changed";
        }

        foreach (var import in now.Imports.Concat(then?.Imports ?? Enumerable.Empty<string>()).Where(files.Contains).Distinct())
        {
            if (!onlyVersions(import))
            {
                return $"imports {import}";
            }

            if (then is null || !SamePackages(then.Packages, now.Packages))
            {
                return $"a version it uses changed in {import}";
            }
        }

        if (now.ItemFiles.Concat(then?.ItemFiles ?? Enumerable.Empty<string>()).FirstOrDefault(files.Contains) is { } item)
        {
            return $"item file {item}";
        }

        // A property naming a file the project imports (DirectoryPackagesPropsPath) is that import, decided above.
        var imports = now.Imports.Concat(then?.Imports ?? Enumerable.Empty<string>()).ToHashSet(StringComparer.Ordinal);
        if (now.PropertyFiles.Concat(then?.PropertyFiles ?? Enumerable.Empty<string>()).FirstOrDefault(f => files.Contains(f) && !imports.Contains(f)) is { } named)
        {
            return $"property names {named}";
        }

        var folders = now.SourceFolders.Concat(then?.SourceFolders ?? Enumerable.Empty<string>()).ToList();
        foreach (var file in files)
        {
            var name = RepositoryPath.FileName(file);
            var folder = RepositoryPath.FolderOf(file);
            if (name is ".editorconfig" or ".globalconfig" && folders.Any(f => RepositoryPath.IsUnder(f, folder)))
            {
                return $"analyzer config {file}";
            }

            if (RepositoryWide.Contains(name.ToLowerInvariant()) && RepositoryPath.IsUnder(RepositoryPath.FolderOf(path), folder))
            {
                return $"repository-wide {file} (deliberate)";
            }
        }

        return null;
    }

    private static bool SamePackages(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);

    /// <summary>True when the two revisions differ only in PackageVersion items (and comments, white space).</summary>
    private static bool SameWithoutVersions(byte[]? before, byte[]? after)
    {
        if (before is null || after is null)
        {
            return false;
        }

        return Normalized(before) is { } a && Normalized(after) is { } b && a == b;
    }

    private static string? Normalized(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content);
            var document = XDocument.Load(stream, LoadOptions.None);
            document.Descendants().Where(e => e.Name.LocalName == "PackageVersion").Remove();
            document.DescendantNodes().OfType<XComment>().Remove();
            return document.Root?.ToString(SaveOptions.DisableFormatting);
        }
        catch (XmlException)
        {
            return null;
        }
    }


}
