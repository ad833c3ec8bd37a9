using Spicetime.Tree.Paths;
using Spicetime.Tree.Projects.Cache;

namespace Spicetime.Tree.Projects;

/// <summary>
/// Everything the reader takes from outside a project's own text, in one place: files' content, existence probes,
/// the scanner's listing of build files, environment variables. An evaluation reaches them only through these
/// methods, which record each input read (<see cref="EvaluationInputs"/>), and <see cref="Current"/> answers the same
/// questions for the facts cache, so a cached project is used only when every input it read is as it was.
/// </summary>
public sealed partial class ProjectReader
{
    /// <summary>The analysed folder's full path ('/' separators, no trailing one).</summary>
    internal string Root => _root;

    /// <summary>What <paramref name="input"/> is now, as an evaluation of this reader would read it.</summary>
    internal Fingerprint Current(EvaluationInput input) => input.Kind switch
    {
        // A file this run already parsed answers with the bytes parsed; any other is read and hashed, not parsed.
        InputKind.File => _files.TryGetValue(input.Name, out var loaded) ? loaded.Fingerprint : Hashed(input.Name),
        InputKind.Exists => Fingerprint.Of(Exists(input.Name)),
        InputKind.Listed => Fingerprint.Of(_listedBuildFiles.Contains(input.Name)),
        InputKind.Environment => Fingerprint.Of(_environment.TryGetValue(input.Name, out var value) ? value : null),
        InputKind.BuildFiles => BuildFilesFingerprint(_buildFiles.Where(PathPattern.FromKey(input.Name).Matches)),
        _ => Fingerprint.Unreadable,
    };

    /// <summary>The stamp this run found the file at when its content was <paramref name="fingerprint"/>; none when it has none for that content.</summary>
    internal FileStamp StampOf(string relative, Fingerprint fingerprint) =>
        _stamps.TryGetValue(relative, out var known) && known.Fingerprint == fingerprint ? known.Stamp : FileStamp.None;

    private Fingerprint Hashed(string relative)
    {
        var fingerprint = Fingerprint.OfFile(RepositoryPath.FullPath(_root, relative), out var stamp);
        Stamped(relative, fingerprint, stamp);
        return fingerprint;
    }

    /// <summary>Records what this run read a file as (its fingerprint, and its stamp if any) for the facts cache to keep.</summary>
    private void Stamped(string relative, Fingerprint fingerprint, FileStamp stamp)
    {
        if (!stamp.IsNone)
        {
            _stamps[relative] = (fingerprint, stamp);
        }
    }

    private static Fingerprint BuildFilesFingerprint(IEnumerable<string> files) => Fingerprint.Of(string.Join("\n", files));

    private sealed partial class Evaluation
    {
        private MSBuildFile Load(string file)
        {
            var loaded = _reader.Load(file);
            _inputs?.Add(InputKind.File, file, loaded.Fingerprint);
            return loaded;
        }

        private bool Exists(string path)
        {
            var exists = _reader.Exists(path);
            _inputs?.Add(InputKind.Exists, path, Fingerprint.Of(exists));
            return exists;
        }

        /// <summary>An environment variable (MSBuild reads each as a property); null when it is not set.</summary>
        private string? Variable(string name)
        {
            var value = _reader._environment.TryGetValue(name, out var set) ? set : null;
            _inputs?.Add(InputKind.Environment, name, Fingerprint.Of(value));
            return value;
        }

        /// <summary>The listed build files <paramref name="pattern"/> matches (a wildcard import, an import with an unknown part).</summary>
        private List<string> BuildFiles(PathPattern pattern)
        {
            var matches = _reader._buildFiles.Where(pattern.Matches).ToList();
            _inputs?.Add(InputKind.BuildFiles, pattern.Key, BuildFilesFingerprint(matches));
            return matches;
        }

        /// <summary>Every place an upward search looked (<see cref="ProjectReader.Nearest"/>): found or not is an input.</summary>
        private void Searched(string name, ProbeChain probes)
        {
            if (_inputs is null)
            {
                return;
            }

            var listed = ImplicitImports.Contains(name);
            foreach (var path in probes)
            {
                _inputs.Add(listed ? InputKind.Listed : InputKind.Exists, path,
                    Fingerprint.Of(listed ? _reader._listedBuildFiles.Contains(path) : _reader.Exists(path)));
            }
        }
    }
}
