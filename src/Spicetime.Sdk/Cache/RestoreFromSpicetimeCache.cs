using System.Diagnostics;
using System.Globalization;
using Microsoft.Build.Framework;
using Spicetime.Tree.Build;
using Spicetime.Tree.Cache.Keys;
using Spicetime.Tree.Cache.Status;
using Spicetime.Tree.Diagnostics;
using Task = Microsoft.Build.Utilities.Task;

namespace Spicetime.Sdk.Tasks.Cache;

/// <summary>
/// Before CoreCompile: computes the project's compile key from what Csc will be given (Spicetime.Cache.targets), records
/// it beside the outputs for <c>spicetime cache explain</c>, and on a hit writes the cached outputs into the intermediate
/// folder, newer than every input, so that CoreCompile's own up-to-date check skips the compile. A store that fails is
/// SPT0900 and a normal build.
/// </summary>
public sealed class RestoreFromSpicetimeCache : Task
{
    [Required] public string CacheLocation { get; set; } = string.Empty;
    public string? CacheWrite { get; set; }
    [Required] public string ProjectFile { get; set; } = string.Empty;
    [Required] public string TreeDirectory { get; set; } = string.Empty;
    [Required] public string IntermediateDirectory { get; set; } = string.Empty;
    public string? PackagesDirectory { get; set; }
    public string? DotnetDirectory { get; set; }
    [Required] public string CompilerTargetsFile { get; set; } = string.Empty;
    public ITaskItem[] Compiler { get; set; } = Array.Empty<ITaskItem>();
    public ITaskItem[] Parameters { get; set; } = Array.Empty<ITaskItem>();
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    public ITaskItem[] Outputs { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>
    /// CoreCompile's inputs that are not <see cref="Files"/> but whose effect on the compile the key holds (the
    /// project's imports, <c>$(MSBuildAllProjects)</c>; the SDK's <c>CoreCompileInputs.cache</c>): when the outputs are
    /// already the key's and only these or files the key holds by content were written after them, the outputs are
    /// stamped current, so that CoreCompile does not compile the same outputs again.
    /// </summary>
    public ITaskItem[] OtherInputs { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>
    /// CoreCompile's inputs whose content the key does not hold (<c>CustomAdditionalCompileInputs</c> a build adds,
    /// <c>EmbeddedDocumentation</c>): one written after the outputs leaves them unstamped, and CoreCompile decides.
    /// </summary>
    public ITaskItem[] UnkeyedInputs { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Why the targets already know the cache cannot hold this project's outputs (empty: it can).</summary>
    public string? NotCacheable { get; set; }

    /// <summary>Only compute and record the key (<c>spicetime cache explain</c>, <c>cache status</c>): no outputs written.</summary>
    public bool KeyOnly { get; set; }

    /// <summary>With <see cref="KeyOnly"/>: ask the store (false: the key alone, for explain without a cache location).</summary>
    public bool Lookup { get; set; } = true;

    /// <summary>
    /// With <see cref="KeyOnly"/>: the referenced projects' answers, each by its reference assembly's path, with its
    /// content's hash (RefHash) when known without building, and its Project and Status.
    /// </summary>
    public ITaskItem[] ReferenceStatus { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>This project's reference assembly in the intermediate folder (what its RefHash is of).</summary>
    public string? RefAssembly { get; set; }

    /// <summary>With <see cref="KeyOnly"/>: the folder the answer is written to (<see cref="CacheStatusResult"/>).</summary>
    public string? StatusFolder { get; set; }

    public string? TargetFramework { get; set; }

    /// <summary>With <see cref="KeyOnly"/>: the hash of this project's reference assembly as a build would make it, when known.</summary>
    [Output] public string RefHash { get; set; } = string.Empty;

    /// <summary>The key; empty when the project builds without the cache.</summary>
    [Output] public string Key { get; set; } = string.Empty;

    [Output] public bool Hit { get; set; }

    /// <summary>"hit", "miss", "current" (the outputs are already this key's), or empty (not cached); with KeyOnly, what a build would find.</summary>
    [Output] public string Status { get; set; } = string.Empty;

    /// <summary>When the compile began (UTC ticks), for the duration recorded with the artifact.</summary>
    [Output] public string Started { get; set; } = string.Empty;

    /// <summary>The assembly's last write (UTC ticks, 0 when absent) before CoreCompile: a change means it compiled.</summary>
    [Output] public string OutputStamp { get; set; } = string.Empty;

    private readonly List<string> _waitsOn = new();
    private string? _reason;
    private string? _explanation;

    public override bool Execute()
    {
        var result = Run();
        if (KeyOnly && !string.IsNullOrEmpty(StatusFolder))
        {
            Directory.CreateDirectory(StatusFolder!);
            var status = new CacheStatusResult(Path.GetFullPath(ProjectFile), IntermediateFolderClaim.NameOf(TreeDirectory, ProjectFile), TargetFramework ?? "",
                Status.Length == 0 ? "not cached" : Status, Key, _waitsOn, _reason, _explanation);
            GeneratedFile.WriteIfChanged(CacheStatusResult.FileFor(StatusFolder!, ProjectFile, TargetFramework ?? ""), status.ToJson());
        }

        return result;
    }

    private bool Run()
    {
        Started = DateTime.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture);
        var name = Path.GetFileName(ProjectFile);
        if (!string.IsNullOrWhiteSpace(NotCacheable))
        {
            _reason = NotCacheable;
            Log.LogMessage(MessageImportance.Normal, $"Spicetime cache: {name} builds without the cache: {NotCacheable}");
            return true;
        }

        var artifact = CompileArtifact.For(IntermediateDirectory, Outputs.Select(o => o.ItemSpec), out var reason);
        if (artifact is null)
        {
            _reason = reason;
            Log.LogMessage(MessageImportance.Normal, $"Spicetime cache: {name} builds without the cache: {reason}");
            return true;
        }

        var compilerProblem = CheckCompiler();
        if (compilerProblem is not null)
        {
            _reason = compilerProblem;
            MSBuildDiagnostics.Log(Log, DiagnosticCodes.CacheCompilerUnknown, ProjectFile, SourcePosition.None,
                $"{name} builds without the cache: {CompilerTargetsFile} {compilerProblem} (a newer .NET SDK than this Spicetime knows: update Spicetime.Sdk)");
            return true;
        }

        var stopwatch = Stopwatch.StartNew();
        var roots = new PathRoots(IntermediateDirectory, TreeDirectory, PackagesDirectory, DotnetDirectory);
        var files = Files.Select(f => new CompileFile(f.GetMetadata("Parameter"), f.ItemSpec, Metadata(f))).ToList();
        Func<string, string?>? knownHash = null;
        if (KeyOnly)
        {
            // A referenced project not built yet: its reference assembly's hash from its own answer, or this key waits.
            var references = ReferenceStatus.ToDictionary(r => Path.GetFullPath(r.ItemSpec), r => r, StringComparer.Ordinal);
            _waitsOn.AddRange(files.Where(f => f.Parameter == "References")
                .Select(f => references.GetValueOrDefault(Path.GetFullPath(f.Path)))
                .Where(r => r is not null && r.GetMetadata("RefHash").Length == 0)
                .Select(r => IntermediateFolderClaim.NameOf(TreeDirectory, r!.GetMetadata("Project"))).Distinct(StringComparer.Ordinal));
            if (_waitsOn.Count > 0)
            {
                Status = "waits";
                return true;
            }

            knownHash = path => references.TryGetValue(path, out var r) ? r.GetMetadata("RefHash") : null;
        }

        var key = CompileKey.Compute(Pairs(Compiler), Pairs(Parameters), files, roots, new FileHashes(), knownHash);
        Key = key.Key;
        var project = IntermediateFolderClaim.NameOf(TreeDirectory, ProjectFile);
        _explanation = Path.Combine(artifact.Intermediate, KeyExplanation.FileName);
        GeneratedFile.WriteIfChanged(_explanation, KeyExplanation.Write(key, project));
        var assembly = artifact.Files[0].File;
        OutputStamp = (File.Exists(assembly) ? File.GetLastWriteTimeUtc(assembly).Ticks : 0).ToString(CultureInfo.InvariantCulture);
        var keyTime = stopwatch.Elapsed;

        if (CacheMarker.Holds(artifact, Key))
        {
            Status = "current";
            RefHash = RefAssembly is { Length: > 0 } && File.Exists(RefAssembly) ? new FileHashes().Of(RefAssembly) : string.Empty;
            var stamped = !KeyOnly && StampIfOnlyKeyedInputsAreNewer(artifact, files, roots, name);
            Log.LogMessage(MessageImportance.Normal, $"Spicetime cache: {name}'s outputs are already those of key {Key} (key in {keyTime.TotalMilliseconds:0} ms){(stamped ? "; inputs written since, the key unchanged: outputs stamped current" : "")}");
            return true;
        }

        if (KeyOnly && !Lookup)
        {
            Status = "unknown";
            return true;
        }

        using var cache = CacheTaskStore.Open(this, ProjectFile, CacheLocation, CacheWrite, TreeDirectory);
        if (cache.Store is not { } store)
        {
            MSBuildDiagnostics.Log(Log, DiagnosticCodes.CacheUnavailable, ProjectFile, SourcePosition.None, $"{cache.Problem}; {name} builds without it");
            return true;
        }

        var lookup = store.Get(Key);
        if (lookup.Warning is not null)
        {
            MSBuildDiagnostics.Log(Log, DiagnosticCodes.CacheUnavailable, ProjectFile, SourcePosition.None, $"{lookup.Warning}; {name} builds without it");
        }

        if (!lookup.Hit)
        {
            Status = "miss";
            Log.LogMessage(MessageImportance.Normal, $"Spicetime cache: {name}: miss for key {Key} in {store.Describe()}");
            return true;
        }

        if (KeyOnly)
        {
            Status = "hit";
            RefHash = RefAssembly is { Length: > 0 } ? artifact.HashOf(lookup.Artifact!, RefAssembly) ?? string.Empty : string.Empty;
            return true;
        }

        if (!artifact.Restore(lookup.Artifact!, out var refused))
        {
            MSBuildDiagnostics.Log(Log, DiagnosticCodes.CacheUnavailable, ProjectFile, SourcePosition.None,
                $"the artifact for key {Key} in {store.Describe()} was refused ({refused}); {name} builds without it");
            Status = "miss";
            return true;
        }

        CacheMarker.Write(artifact, Key);
        Hit = true;
        Status = "hit";
        var recorded = lookup.RecordedDuration is { } d ? $", compiled in {d.TotalSeconds:0.0} s when stored" : "";
        Log.LogMessage(MessageImportance.High, $"  {Path.GetFileNameWithoutExtension(ProjectFile)}: compiled outputs from the cache (key {Key[..16]}…{recorded}; {stopwatch.Elapsed.TotalMilliseconds:0} ms)");
        return true;
    }

    /// <summary>
    /// Inputs written after the outputs while the key still holds (a restore's nuget.g.props, a branch switched and
    /// back): the outputs are stamped, so CoreCompile finds them up to date instead of compiling the same bytes. Only
    /// when every newer input is one the key holds by content (not a package's or the SDK's file, known by its path
    /// alone, nor an input the key does not hold); a stamp that cannot be written leaves CoreCompile to compile.
    /// </summary>
    private bool StampIfOnlyKeyedInputsAreNewer(CompileArtifact artifact, IReadOnlyList<CompileFile> files, PathRoots roots, string name)
    {
        // Csc's inputs that CoreCompile's time stamps do not look at: newer, they neither call for a stamp nor stop one.
        var compared = files.Where(f => f.Parameter is not ("ResponseFiles" or "ApplicationConfiguration" or "AddModules"))
            .Select(f => Path.GetFullPath(f.Path));
        var newer = artifact.NewerInputs(compared.Concat(OtherInputs.Select(i => Path.GetFullPath(i.ItemSpec))));
        if (newer.Count == 0)
        {
            return false;
        }

        var unkeyed = artifact.NewerInputs(UnkeyedInputs.Select(i => Path.GetFullPath(i.ItemSpec)));
        var byPath = newer.Where(f => { roots.Name(f, out var immutable); return immutable; }).ToList();
        if (unkeyed.Count > 0 || byPath.Count > 0)
        {
            Log.LogMessage(MessageImportance.Normal,
                $"Spicetime cache: {name}: {string.Join(", ", unkeyed.Concat(byPath).Take(3))} written after the outputs, and the key does not hold its content: CoreCompile decides");
            return false;
        }

        try
        {
            artifact.Stamp();
            CacheMarker.Write(artifact, Key);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.LogMessage(MessageImportance.Normal, $"Spicetime cache: {name}'s outputs could not be stamped current ({e.Message}); CoreCompile decides");
            return false;
        }
    }

    private string? CheckCompiler()
    {
        try
        {
            return CompilerParameters.Check(File.ReadAllText(OperatingSystem.IsWindows() ? CompilerTargetsFile : CompilerTargetsFile.Replace('\\', '/')));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"could not be read ({e.Message})";
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> Pairs(IEnumerable<ITaskItem> items) =>
        items.Select(i => new KeyValuePair<string, string>(i.ItemSpec, i.GetMetadata("Value")));

    private static IReadOnlyList<KeyValuePair<string, string>> Metadata(ITaskItem item) =>
        CompileKey.CompilerMetadata.Select(m => new KeyValuePair<string, string>(m, item.GetMetadata(m))).Where(m => m.Value.Length > 0).ToList();
}
