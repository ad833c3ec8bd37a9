using Spicetime.Tree.Framework;
using Spicetime.Tree.Paths;
using System.Collections.Concurrent;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Projects.Cache;

namespace Spicetime.Tree.Projects;

/// <summary>
/// Reads what a project's build takes from the analysed folder the way MSBuild evaluates it, without MSBuild and
/// without the .NET SDK's own files (they are the same for every project, and they are what makes evaluation slow):
/// properties in order (later wins, with <c>$(...)</c> and the file-locating property functions), conditions,
/// <c>Choose</c>, explicit imports (relative to the importing file, wildcards included) and MSBuild's implicit ones
/// (the nearest Directory.Build.props and Directory.Packages.props before the project body, the nearest
/// Directory.Build.targets after it, for projects on an SDK or on Microsoft.Common), then items with the final
/// property values (relative to the project's folder). Each file is parsed once and evaluated per project in memory.
///
/// Never a silent miss: what the reader cannot evaluate (an SDK's property, an unknown function, a condition on one)
/// is taken both ways, a path with an unknown part matches every file it could be, and an SPT0403 warning says where.
/// </summary>
public sealed partial class ProjectReader
{
    private readonly string _root;
    private readonly IReadOnlyCollection<string> _buildFiles;
    private readonly HashSet<string> _listedBuildFiles;
    private readonly ConcurrentDictionary<string, MSBuildFile> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (Fingerprint Fingerprint, FileStamp Stamp)> _stamps = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _exists = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<string>?> _conditionTokens = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string> _environment;
    private int _evaluated;

    /// <summary>How many projects this reader has read from their files (the facts cache's hits are not read).</summary>
    public int Evaluated => Volatile.Read(ref _evaluated);

    /// <param name="root">The analysed folder (full path).</param>
    /// <param name="buildFiles">The .props/.targets files of the folder (relative), for imports with wildcards or unknown parts.</param>
    /// <param name="environment">Environment variables, which MSBuild reads as properties (default: this process's).</param>
    public ProjectReader(string root, IReadOnlyCollection<string> buildFiles, IReadOnlyDictionary<string, string>? environment = null)
    {
        _root = RepositoryPath.Normalize(Path.GetFullPath(root)).TrimEnd('/');
        _buildFiles = buildFiles;
        _listedBuildFiles = buildFiles.ToHashSet(StringComparer.Ordinal);
        _environment = environment ?? ProcessEnvironment();
    }

    /// <summary>
    /// The property the traversal project of `spicetime affected --format traversal` declares, so that a traversal saved
    /// in the analysed folder is never taken for one of its projects (it would otherwise list, and build, itself).
    /// </summary>
    public const string TraversalMarker = "SpicetimeAffectedTraversal";

    /// <summary>The project, or null when its file is empty, missing, not a project, or a traversal spicetime wrote.</summary>
    /// <param name="inputs">When given, records every input the evaluation reads (the facts cache's key).</param>
    public ProjectInfo? Read(string relativePath, EvaluationInputs? inputs = null)
    {
        Interlocked.Increment(ref _evaluated);

        // The project file itself is read once and not kept: only imported files are shared between projects.
        var file = MSBuildFile.Load(RepositoryPath.FullPath(_root, relativePath), relativePath);
        Stamped(relativePath, file.Fingerprint, file.Stamp);
        inputs?.Add(InputKind.File, relativePath, file.Fingerprint);
        if (file.Root is null || file.Root.Children.Any(g => g.Name == "PropertyGroup" && g.Children.Any(p => p.Name == TraversalMarker)))
        {
            return null;
        }

        // A restore reads the packages with what the evaluation gives before any package's build props; the build's
        // evaluation then imports them. When those packages set IsTestProject (Microsoft.NET.Test.Sdk), evaluate again
        // with it set, as the build will; a project that then no longer references one takes it both ways.
        var project = new Evaluation(this, relativePath, file.Root, Truth.False, inputs).Run();
        var setsTestProject = project.ReferencesTestPackage;
        if (setsTestProject == Truth.False)
        {
            return project;
        }

        var again = new Evaluation(this, relativePath, file.Root, setsTestProject, inputs).Run();
        return setsTestProject == Truth.True && again.ReferencesTestPackage != Truth.True
            ? new Evaluation(this, relativePath, file.Root, Truth.Unknown, inputs).Run()
            : again;
    }

    private readonly ConcurrentDictionary<(string Folder, string Name), (string? Found, ProbeChain Probes)> _nearest = new();

    /// <summary>
    /// MSBuild's search for a file at or above a folder (GetDirectoryNameOfFileAbove): the folder holding it, and every
    /// path looked at. Looked up once per folder and name, each folder answering from its parent's answer. MSBuild's
    /// own Directory.Build.props/.targets and Directory.Packages.props are looked for among the files the scanner listed
    /// (git's listing: no disk access per folder); any other name on disk.
    /// </summary>
    private (string? Found, ProbeChain Probes) Nearest(string folder, string name)
    {
        if (_nearest.TryGetValue((folder, name), out var known))
        {
            return known;
        }

        var candidate = RepositoryPath.Join(folder, name);
        var here = ImplicitImports.Contains(name) ? _listedBuildFiles.Contains(candidate) : Exists(candidate);
        (string? Found, ProbeChain Probes) answer;
        if (here || folder == RepositoryPath.Root)
        {
            answer = (here ? folder : null, new ProbeChain(candidate, null));
        }
        else
        {
            var above = Nearest(RepositoryPath.FolderOf(folder), name);
            answer = (above.Found, new ProbeChain(candidate, above.Probes));
        }

        _nearest.TryAdd((folder, name), answer);
        return answer;
    }

    private static readonly NameSet ImplicitImports = new(StringComparer.Ordinal, new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" });

    private MSBuildFile Load(string relative) =>
        _files.GetOrAdd(relative, r =>
        {
            var file = MSBuildFile.Load(RepositoryPath.FullPath(_root, r), r);
            Stamped(r, file.Fingerprint, file.Stamp);
            return file;
        });

    private bool Exists(string relative) =>
        _exists.GetOrAdd(relative, r => Path.Exists(RepositoryPath.FullPath(_root, r)));

    private string Full(string relative) => relative == RepositoryPath.Root ? _root + "/" : $"{_root}/{relative}";

    /// <summary>A folder's full path as MSBuild writes <c>$(MSBuildThisFileDirectory)</c>: with a trailing separator.</summary>
    private string FullFolder(string relative) => Full(relative).TrimEnd('/') + "/";

    private static IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        var variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
        }

        return variables;
    }
}
