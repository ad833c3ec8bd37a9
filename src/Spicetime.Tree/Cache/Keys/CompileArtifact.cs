namespace Spicetime.Tree.Cache.Keys;

/// <summary>
/// A project's compile outputs as a cache artifact: the files <c>CoreCompile</c> writes (the assembly, its reference
/// assembly, symbols, documentation), each named by its path under the project's intermediate folder. Outputs outside
/// that folder, or outputs the build adds to CoreCompile's own (<c>CustomAdditionalCompileOutputs</c>), make a project
/// one the cache leaves alone: it cannot give back what it does not hold.
/// </summary>
public sealed class CompileArtifact
{
    /// <summary>An artifact's unpacked size bound (a larger one is refused, never written).</summary>
    public const long MaxBytes = 2L << 30;

    private CompileArtifact(string intermediate, IReadOnlyList<(string Name, string File)> files)
    {
        Intermediate = intermediate;
        Files = files;
    }

    public string Intermediate { get; }

    /// <summary>Each output by its name in the artifact ('/'-separated, under the intermediate folder) and its path.</summary>
    public IReadOnlyList<(string Name, string File)> Files { get; }

    /// <summary>The artifact for these outputs, or null with <paramref name="reason"/> when the cache cannot hold them.</summary>
    public static CompileArtifact? For(string intermediateFolder, IEnumerable<string> outputs, out string? reason)
    {
        var root = Path.GetFullPath(intermediateFolder);
        root = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        var files = new List<(string, string)>();
        foreach (var output in outputs.Where(o => !string.IsNullOrWhiteSpace(o)).Select(Path.GetFullPath).Distinct(StringComparer.Ordinal))
        {
            if (!output.StartsWith(root, StringComparison.Ordinal))
            {
                reason = $"its compiler output {output} is outside its intermediate folder {root}";
                return null;
            }

            files.Add((output.Substring(root.Length).Replace('\\', '/'), output));
        }

        if (files.Count == 0)
        {
            reason = "it has no compiler outputs";
            return null;
        }

        reason = null;
        return new CompileArtifact(root, files);
    }

    /// <summary>The outputs, packed (after a compile).</summary>
    public byte[] Pack() => ArtifactArchive.Pack(Files);

    /// <summary>
    /// Writes an artifact's files into the intermediate folder, after checking that it holds exactly these outputs (an
    /// artifact made for other outputs is refused); false with <paramref name="problem"/> when nothing was written.
    /// </summary>
    public bool Restore(byte[] artifact, out string? problem)
    {
        var entries = ArtifactArchive.List(artifact, MaxBytes, out problem);
        if (entries is null)
        {
            return false;
        }

        var expected = Files.Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal);
        var held = entries.Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal);
        if (!expected.SequenceEqual(held, StringComparer.Ordinal))
        {
            problem = $"the artifact holds {string.Join(", ", held)}, not the outputs {string.Join(", ", expected)}";
            return false;
        }

        if (!ArtifactArchive.Unpack(artifact, Intermediate, MaxBytes, out problem))
        {
            return false;
        }

        Stamp();
        return true;
    }

    /// <summary>
    /// Gives every output the time now, so newer than every input: CoreCompile's own up-to-date check skips the compile
    /// (after a restore, and when the outputs are already the key's but inputs the key holds were written again: a
    /// restore's nuget.g.props, a branch switched and back).
    /// </summary>
    public void Stamp()
    {
        var now = DateTime.UtcNow;
        foreach (var (_, file) in Files)
        {
            File.SetLastWriteTimeUtc(file, now);
        }
    }

    /// <summary>
    /// The inputs (paths; missing ones ignored) written after the oldest output: CoreCompile's time stamps would run
    /// the compiler for them.
    /// </summary>
    public IReadOnlyList<string> NewerInputs(IEnumerable<string> inputs)
    {
        var oldest = Files.Select(f => File.GetLastWriteTimeUtc(f.File)).Min();
        return inputs.Where(i => !string.IsNullOrWhiteSpace(i) && File.Exists(i) && File.GetLastWriteTimeUtc(i) > oldest).ToList();
    }

    /// <summary>
    /// The SHA-256 of one of the outputs as an artifact holds it (a reference assembly, for the keys of the projects that
    /// reference this one), or null when the artifact is refused or does not hold it.
    /// </summary>
    public string? HashOf(byte[] artifact, string file)
    {
        var name = Files.FirstOrDefault(f => string.Equals(f.File, Path.GetFullPath(file), StringComparison.Ordinal)).Name;
        return name is null ? null : ArtifactArchive.HashOf(artifact, name, MaxBytes);
    }

    /// <summary>Whether every output is there (a marker that says which key they came from is only true beside them).</summary>
    public bool AllPresent() => Files.All(f => File.Exists(f.File));
}
