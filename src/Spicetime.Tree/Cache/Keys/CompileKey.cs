using System.Security.Cryptography;
using System.Text;

namespace Spicetime.Tree.Cache.Keys;

/// <summary>A file the compiler is given: its parameter, its path, and the metadata the compiler reads from the item.</summary>
public sealed record CompileFile(string Parameter, string Path, IReadOnlyList<KeyValuePair<string, string>> Metadata);

/// <summary>
/// A project's compile key: the SHA-256 of every input <c>Csc</c> is given (<see cref="CompilerParameters"/>), with
/// paths named by their root (<see cref="PathRoots"/>, so a clone at another path has the same key), each file's content
/// hashed (a referenced project's reference assembly too, so a dependency rebuilt to the same public surface changes no
/// key), and the compiler's identity. The order of files is kept: the compiler's output depends on it.
/// </summary>
public sealed class CompileKey
{
    /// <summary>Changes when what a key means changes: every key made before is then a miss.</summary>
    public const string Format = "spicetime-compile-key/v1";

    private CompileKey(string key, IReadOnlyList<CompileInput> inputs)
    {
        Key = key;
        Inputs = inputs;
    }

    /// <summary>Lowercase hex, 64 characters (a store's key as it is).</summary>
    public string Key { get; }

    public IReadOnlyList<CompileInput> Inputs { get; }

    /// <summary>
    /// The metadata of an item the compiler reads (a reference's aliases, a resource's logical name and visibility): only
    /// these enter the key, so a build's bookkeeping metadata (a reference's resolved-from path) does not.
    /// </summary>
    public static IReadOnlyCollection<string> CompilerMetadata { get; } = new[] { "Aliases", "EmbedInteropTypes", "LogicalName", "Access", "WithCulture", "Culture" };

    /// <summary>
    /// Why the outputs depend on where the checkout is although the compiler maps its paths, or null. The Razor source
    /// generator writes each view's full path into the code it generates (#line and #pragma checksum), and the compiler
    /// embeds generated code in the PDB, where PathMap does not reach: the assembly's PDB id and checksum follow. Such a
    /// project's key holds the checkout's folder (it is shared between builds at the same path, as CI runners' are).
    /// </summary>
    public static string? PathDependence(IEnumerable<CompileFile> files) =>
        files.Any(f => f.Parameter == "AdditionalFiles"
            && (f.Path.EndsWith(".cshtml", StringComparison.OrdinalIgnoreCase) || f.Path.EndsWith(".razor", StringComparison.OrdinalIgnoreCase)))
            ? "Razor views: the generator writes their full paths into the PDB"
            : null;

    /// <param name="compiler">What identifies the compiler: the SDK version, Roslyn's folder (by root), the host's runtime identifier.</param>
    /// <param name="values">Each <see cref="ParameterKind.Value"/> and <see cref="ParameterKind.Output"/> parameter's value.</param>
    /// <param name="files">Each file a <see cref="ParameterKind.Files"/> parameter names, in the order the compiler gets them.</param>
    /// <param name="knownHash">
    /// The hash of a file that is not built yet but whose content is known (a referenced project's reference assembly,
    /// from the artifact its own key finds: <c>spicetime cache status</c>), or null to read the file.
    /// </param>
    public static CompileKey Compute(IEnumerable<KeyValuePair<string, string>> compiler, IEnumerable<KeyValuePair<string, string>> values,
        IEnumerable<CompileFile> files, PathRoots roots, FileHashes hashes, Func<string, string?>? knownHash = null)
    {
        var inputs = new List<CompileInput> { new("format", "key", Format) };
        inputs.AddRange(compiler.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new CompileInput("compiler", c.Key, roots.Value(c.Value))));

        var kinds = CompilerParameters.All.ToDictionary(p => p.Name, p => p.Kind, StringComparer.OrdinalIgnoreCase);
        foreach (var value in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (!kinds.TryGetValue(value.Key, out var kind) || kind is ParameterKind.Ignored or ParameterKind.Files)
            {
                throw new ArgumentException($"{value.Key} is not a value or output parameter of the compiler", nameof(values));
            }

            inputs.Add(new CompileInput(kind == ParameterKind.Output ? "output" : "parameter", value.Key, roots.Value(value.Value)));
        }

        var fileList = files.ToList();
        foreach (var file in fileList)
        {
            if (!kinds.TryGetValue(file.Parameter, out var kind) || kind != ParameterKind.Files)
            {
                throw new ArgumentException($"{file.Parameter} is not a file parameter of the compiler", nameof(files));
            }

            var name = roots.Name(file.Path, out var immutable);
            var metadata = string.Concat(file.Metadata.Where(m => m.Value.Length > 0 && CompilerMetadata.Contains(m.Key))
                .OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $";{m.Key}={roots.Value(m.Value)}"));
            var hash = immutable ? "immutable"
                : knownHash?.Invoke(Path.GetFullPath(file.Path)) is { } known ? known
                : name.StartsWith("{intermediate}/", StringComparison.Ordinal) ? FileHashes.OfGenerated(file.Path, roots)
                : hashes.Of(file.Path);
            inputs.Add(new CompileInput("file", file.Parameter, name + metadata, hash));
        }

        if (PathDependence(fileList) is { } reason)
        {
            var repository = roots.Folders.First(r => r.Name == "repo").Folder;
            inputs.Add(new CompileInput("checkout", reason, repository));
        }

        var text = new StringBuilder();
        foreach (var input in inputs)
        {
            text.Append(input.Line).Append('\n');
        }

        return new CompileKey(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant(), inputs);
    }
}
