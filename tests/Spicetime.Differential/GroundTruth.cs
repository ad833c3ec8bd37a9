using Spicetime.Tree.Paths;
using System.Text.Json;
using Microsoft.Build.Definition;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Evaluation.Context;
using Microsoft.Build.Exceptions;

namespace Spicetime.Differential;

/// <summary>
/// Evaluates every project of a checkout with MSBuild itself (Microsoft.Build, the .NET SDK's own files included):
/// its imports, its items' files, its property values that are files, its ProjectReferences, the version of every
/// package it references (PackageReference joined with PackageVersion, VersionOverride first) and the folders of its
/// sources. A multi-targeted project is evaluated once per target framework as well, as its inner builds are.
/// Call <c>MSBuildLocator.RegisterDefaults()</c> before this class is first touched.
/// </summary>
public static class GroundTruth
{
    /// <param name="innerBuilds">Also evaluate each target framework of a multi-targeted project (the ground truth does; a
    /// tool such as dotnet-affected evaluates the outer build only).</param>
    public static Dictionary<string, ProjectFacts> Evaluate(string root, IEnumerable<string> projects, bool innerBuilds = true)
    {
        root = System.IO.Path.GetFullPath(root).TrimEnd('/');
        var facts = new Dictionary<string, ProjectFacts>(StringComparer.Ordinal);
        using var collection = new ProjectCollection();
        var context = EvaluationContext.Create(EvaluationContext.SharingPolicy.Shared);
        foreach (var project in projects)
        {
            facts[project] = EvaluateOne(root, project, collection, context, innerBuilds);
            collection.UnloadAllProjects();
        }

        return facts;
    }

    private static ProjectFacts EvaluateOne(string root, string relative, ProjectCollection collection, EvaluationContext context, bool innerBuilds)
    {
        var full = System.IO.Path.Combine(root, relative);
        try
        {
            var outer = Load(full, new Dictionary<string, string>(), collection, context);
            var builds = new List<Project> { outer };
            var frameworks = innerBuilds ? outer.GetPropertyValue("TargetFrameworks") : string.Empty;
            foreach (var framework in frameworks.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct())
            {
                builds.Add(Load(full, new Dictionary<string, string> { ["TargetFramework"] = framework }, collection, context));
            }

            var imports = new HashSet<string>(StringComparer.Ordinal);
            var items = new HashSet<string>(StringComparer.Ordinal);
            var properties = new HashSet<string>(StringComparer.Ordinal);
            var references = new HashSet<string>(StringComparer.Ordinal);
            var packages = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var sources = new HashSet<string>(StringComparer.Ordinal) { RepositoryPath.FolderOf(relative) };
            foreach (var build in builds)
            {
                Read(root, relative, build, imports, items, properties, references, packages, sources);
            }

            return new ProjectFacts(relative, imports, items, properties, references, packages, sources, null);
        }
        catch (InvalidProjectFileException e)
        {
            return ProjectFacts.Failed(relative, e.Message);
        }
    }

    private static Project Load(string path, Dictionary<string, string> globalProperties, ProjectCollection collection, EvaluationContext context) =>
        Project.FromFile(path, new ProjectOptions
        {
            GlobalProperties = globalProperties,
            ProjectCollection = collection,
            EvaluationContext = context,
            LoadSettings = ProjectLoadSettings.IgnoreMissingImports | ProjectLoadSettings.IgnoreInvalidImports | ProjectLoadSettings.IgnoreEmptyImports
                | ProjectLoadSettings.FailOnUnresolvedSdk, // a project whose SDK cannot be had here is not evaluable, not a project without imports
        });

    private static void Read(string root, string relative, Project build, HashSet<string> imports, HashSet<string> items, HashSet<string> properties,
        HashSet<string> references, SortedDictionary<string, string> packages, HashSet<string> sources)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.Combine(root, relative))!;
        foreach (var import in build.Imports)
        {
            if (Inside(root, import.ImportedProject.FullPath) is { } path)
            {
                imports.Add(path);
            }
        }

        var versions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var version in build.GetItems("PackageVersion"))
        {
            versions[version.EvaluatedInclude] = version.GetMetadataValue("Version");
        }

        foreach (var item in build.Items)
        {
            var include = item.EvaluatedInclude;
            switch (item.ItemType)
            {
                case "ProjectReference":
                    if (File(root, directory, include) is { } reference)
                    {
                        references.Add(reference);
                    }

                    break;
                case "PackageReference" or "GlobalPackageReference":
                    var pinned = item.GetMetadataValue("VersionOverride");
                    var own = item.GetMetadataValue("Version");
                    packages[include] = pinned.Length > 0 ? pinned : own.Length > 0 ? own : versions.GetValueOrDefault(include, string.Empty);
                    break;
                default:
                    if (File(root, directory, include) is { } file)
                    {
                        items.Add(file);
                        if (item.ItemType is "Compile" or "AdditionalFiles")
                        {
                            sources.Add(RepositoryPath.FolderOf(file));
                        }
                    }

                    if (item.GetMetadataValue("HintPath") is { Length: > 0 } hint && File(root, directory, hint) is { } hinted)
                    {
                        items.Add(hinted);
                    }

                    break;
            }
        }

        // With transitive pinning a central version also pins packages the project gets transitively: those in its
        // last restore (obj/project.assets.json), or every central version when it has none.
        if (string.Equals(build.GetPropertyValue("CentralPackageTransitivePinningEnabled"), "true", StringComparison.OrdinalIgnoreCase))
        {
            var restored = Restored(System.IO.Path.Combine(directory, "obj", "project.assets.json"));
            foreach (var (id, version) in versions)
            {
                if (restored is null || restored.Contains(id))
                {
                    packages.TryAdd(id, version);
                }
            }
        }

        foreach (var property in build.AllEvaluatedProperties)
        {
            if (property.IsEnvironmentProperty || property.IsGlobalProperty || property.IsReservedProperty || property.EvaluatedValue.Length > 2048)
            {
                continue;
            }

            foreach (var part in property.EvaluatedValue.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (File(root, directory, part) is { } file)
                {
                    properties.Add(file);
                }
            }
        }
    }

    private static HashSet<string>? Restored(string assets)
    {
        if (!System.IO.File.Exists(assets))
        {
            return null;
        }

        using var document = JsonDocument.Parse(System.IO.File.ReadAllBytes(assets));
        return document.RootElement.TryGetProperty("libraries", out var libraries)
            ? libraries.EnumerateObject().Select(l => l.Name.Split('/')[0]).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : null;
    }

    /// <summary>An existing file of the repository that <paramref name="path"/> names (relative to <paramref name="directory"/>), or null.</summary>
    private static string? File(string root, string directory, string path)
    {
        if (path.Length == 0 || path.Length > 1024 || path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0 || path.Contains('*'))
        {
            return null;
        }

        try
        {
            var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, path.Replace('\\', '/')));
            return System.IO.File.Exists(full) ? Inside(root, full) : null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    private static string? Inside(string root, string full) =>
        full.StartsWith(root + "/", StringComparison.Ordinal) ? full[(root.Length + 1)..] : null;

}
