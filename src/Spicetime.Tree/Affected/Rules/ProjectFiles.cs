using Spicetime.Tree.Framework;
using Spicetime.Tree.Paths;
using Spicetime.Tree.Projects;

namespace Spicetime.Tree.Affected.Rules;

/// <summary>
/// A project and, for each changed file, which project rules claim it (<see cref="FileClaim"/>), decided once by
/// <see cref="Claim"/>: the one place that tells the rules reading a project's files apart (a file in the project's
/// folder is the folder rule's, not the item rule's; a file the project imports is the import rule's, not the probe's
/// or a property's).
/// </summary>
public sealed class ProjectFiles
{
    private static readonly NameSet ExcludedExtensions = new(StringComparer.OrdinalIgnoreCase, new[] { ".sln", ".slnx", ".user", ".vssscc" });

    // Made on the first claim: most projects claim none of the changed files, and this runs for every project.
    private FileClaim[]? _claims;
    private ItemInput?[]? _items;
    private readonly IReadOnlyDictionary<string, int> _index;

    private ProjectFiles(ProjectInfo project, IReadOnlyList<string> changed, IReadOnlyDictionary<string, int> index)
    {
        Project = project;
        Changed = changed;
        _index = index;
    }

    public ProjectInfo Project { get; }

    /// <summary>The changed files, in the change set's order.</summary>
    public IReadOnlyList<string> Changed { get; }

    /// <summary>Whether any rule claims a changed file of the project (most projects: none, and their rules need not look).</summary>
    public bool ClaimsAny => _claims is not null;

    /// <summary>The rules that claim the changed file at <paramref name="index"/> of <see cref="Changed"/>.</summary>
    public FileClaim ClaimAt(int index) => _claims?[index] ?? FileClaim.None;

    /// <summary>The rules that claim <paramref name="file"/>; <see cref="FileClaim.None"/> when it did not change.</summary>
    public FileClaim ClaimOf(string file) => ClaimsAny && _index.TryGetValue(file, out var i) ? _claims![i] : FileClaim.None;

    /// <summary>The item that names the changed file at <paramref name="index"/> (when <see cref="FileClaim.Item"/> claims it).</summary>
    public ItemInput? ItemAt(int index) => _items?[index];

    /// <summary>Which rules claim each changed file of <paramref name="project"/>.</summary>
    public static ProjectFiles Claim(ProjectInfo project, IReadOnlyList<string> changed, IReadOnlyDictionary<string, int> index)
    {
        var files = new ProjectFiles(project, changed, index);
        for (var i = 0; i < changed.Count; i++)
        {
            if (InProjectFolder(project, changed[i]))
            {
                files.Add(i, FileClaim.ProjectFolder);
            }
        }

        // Indexed loops, not foreach over the interfaces: this runs for every project, and each foreach would allocate an enumerator.
        var imports = project.Imports;
        for (var k = 0; k < imports.Count; k++)
        {
            if (index.TryGetValue(imports[k].Path, out var i))
            {
                files.Add(i, FileClaim.Import);
            }
        }

        if (project.Probes is IReadOnlyList<string> probes)
        {
            for (var k = 0; k < probes.Count; k++)
            {
                files.ClaimProbe(probes[k]);
            }
        }
        else
        {
            foreach (var probe in project.Probes)
            {
                files.ClaimProbe(probe);
            }
        }

        for (var i = 0; i < changed.Count; i++)
        {
            if ((files.ClaimAt(i) & FileClaim.ProjectFolder) != 0)
            {
                continue;
            }

            var file = changed[i];
            if (FirstNaming(project.Items, file) is { } named)
            {
                files.Add(i, FileClaim.Item);
                (files._items ??= new ItemInput?[changed.Count])[i] = named;
            }
            else if (project.NamesFile(file) && (files.ClaimAt(i) & FileClaim.Import) == 0)
            {
                // A file the project imports is the import rule's (MSBuild names its own imports in properties,
                // e.g. DirectoryPackagesPropsPath, and a versions-only change there must stay precise).
                files.Add(i, FileClaim.Property);
            }
        }

        return files;
    }

    private void ClaimProbe(string probe)
    {
        if (_index.TryGetValue(probe, out var i) && (ClaimAt(i) & FileClaim.Import) == 0)
        {
            Add(i, FileClaim.Probe);
        }
    }

    private void Add(int index, FileClaim claim) => (_claims ??= new FileClaim[Changed.Count])[index] |= claim;

    private static ItemInput? FirstNaming(IReadOnlyList<ItemInput> items, string file)
    {
        for (var k = 0; k < items.Count; k++)
        {
            if (items[k].Files.Matches(file))
            {
                return items[k];
            }
        }

        return null;
    }

    /// <summary>
    /// True when the file lies in the project's folder and outside the folders default items exclude: its own project
    /// file, and, for a project on an SDK with default items, every file there but what <c>DefaultItemExcludes</c>
    /// leaves out (folders starting with '.', other project files, solutions and user files); when the default items
    /// take only some extensions (<see cref="ProjectInfo.DefaultItemExtensions"/>: F#), only files with those.
    /// </summary>
    public static bool InProjectFolder(ProjectInfo project, string file)
    {
        // A project at the top would take every file; what it really reads is decided by the other rules.
        if (project.Directory == RepositoryPath.Root || !RepositoryPath.IsUnder(file, project.Directory) || file == project.Directory)
        {
            return false;
        }

        if (file == project.RelativePath)
        {
            return true;
        }

        if (!project.HasDefaultItems)
        {
            return false; // a project on no SDK (a build.proj) takes no file of its folder by default: its items say which
        }

        var inside = file[(project.Directory.Length + 1)..];
        var folders = inside.Split('/');
        var extension = Path.GetExtension(folders[^1]);
        return !folders.Take(folders.Length - 1).Any(f => f.StartsWith('.'))
            && !extension.EndsWith("proj", StringComparison.OrdinalIgnoreCase)
            && !ExcludedExtensions.Contains(extension)
            && (project.DefaultItemExtensions is not { } taken || taken.Contains(extension, StringComparer.OrdinalIgnoreCase));
    }
}
