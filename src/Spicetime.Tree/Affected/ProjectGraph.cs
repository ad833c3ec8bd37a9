using System.Xml.Linq;

namespace Spicetime.Tree.Affected;

/// <summary>A project file found under the tree's folder, read as XML (not evaluated), with the projects it references.</summary>
public sealed record ProjectInfo(string RelativePath, IReadOnlyList<string> References)
{
    public string Directory => RelativePath.Contains('/') ? RelativePath[..RelativePath.LastIndexOf('/')] : ".";
}

/// <summary>
/// The projects under a folder and their ProjectReferences, read as XML so that the answer comes without MSBuild.
/// Paths are relative to the root with '/' separators. bin, obj, .git, node_modules and artifacts folders are skipped.
/// </summary>
public static class ProjectGraph
{
    private static readonly string[] ProjectExtensions = { ".csproj", ".fsproj", ".vbproj", ".proj", ".sqlproj" };
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", ".git", "node_modules", "artifacts", ".vs" };

    public static IReadOnlyList<ProjectInfo> Discover(string root)
    {
        var projects = new List<ProjectInfo>();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(folder))
            {
                if (!SkippedFolders.Contains(Path.GetFileName(sub)))
                {
                    pending.Push(sub);
                }
            }

            foreach (var file in Directory.EnumerateFiles(folder))
            {
                if (ProjectExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
                {
                    projects.Add(Read(root, file));
                }
            }
        }

        projects.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return projects;
    }

    private static ProjectInfo Read(string root, string file)
    {
        var references = new List<string>();
        try
        {
            var document = XDocument.Load(file);
            foreach (var reference in document.Descendants().Where(e => e.Name.LocalName == "ProjectReference"))
            {
                var include = reference.Attribute("Include")?.Value;
                if (!string.IsNullOrWhiteSpace(include) && !include.Contains("$("))
                {
                    var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, include.Replace('\\', '/')));
                    references.Add(Relative(root, full));
                }
            }
        }
        catch (System.Xml.XmlException)
        {
            // A project that is not XML: MSBuild reports it when it builds; here it simply references nothing.
        }

        return new ProjectInfo(Relative(root, file), references);
    }

    public static string Relative(string root, string path) =>
        Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
}
