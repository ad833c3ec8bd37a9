using Spicetime.Tree.Paths;

namespace Spicetime.Tree.Projects;

public sealed partial class ProjectReader
{
    /// <summary>Properties: assignment in order (uncertain values kept as alternatives), lookup, the MSBuildThisFile* values per file, conditions.</summary>
    private sealed partial class Evaluation
    {
        private void Assign(string name, IReadOnlyList<string> values, bool uncertain)
        {
            if (uncertain && Lookup(name) is { } previous)
            {
                values = previous.Concat(values).Distinct(StringComparer.Ordinal).ToList();
            }
            else if (uncertain)
            {
                values = values.Append(string.Empty).Distinct(StringComparer.Ordinal).ToList();
            }

            _properties[name] = values.Count > 8 ? new List<string> { MSBuildText.Unknown } : values.ToList();
        }

        private string? SingleValue(string name) =>
            Lookup(name) is [var only] && !only.Contains(MSBuildText.Unknown[0]) && only.Trim().Length > 0 ? only.Trim() : null;

        private readonly Dictionary<string, MSBuildText> _texts = new(StringComparer.Ordinal);

        /// <summary>The property table as the file <paramref name="file"/> sees it (its own MSBuildThisFile* values); one per file.</summary>
        private MSBuildText Text(string file)
        {
            if (!_texts.TryGetValue(file, out var text))
            {
                _texts[file] = text = NewText(file);
            }

            return text;
        }

        private MSBuildText NewText(string file)
        {
            var folder = RepositoryPath.FolderOf(file);
            var fileName = RepositoryPath.FileName(file);
            return new MSBuildText(
                name => ThisFile(name, file, folder, fileName) ?? Lookup(name),
                (start, name) =>
                {
                    var relative = RepositoryPath.Resolve(_reader._root, RepositoryPath.Root, start);
                    if (relative is null)
                    {
                        return null;
                    }

                    var found = FolderAbove(relative, name);
                    return found is null ? string.Empty : _reader.Full(found).TrimEnd('/');
                },
                _reader.FullFolder(folder));
        }

        private IReadOnlyList<string>? ThisFile(string name, string file, string folder, string fileName)
        {
            if (!name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var full = _reader.Full(file);
            return name.ToLowerInvariant() switch
            {
                "msbuildthisfiledirectory" => new[] { _reader.FullFolder(folder) },
                "msbuildthisfile" => new[] { fileName },
                "msbuildthisfilefullpath" => new[] { full },
                "msbuildthisfilename" => new[] { Path.GetFileNameWithoutExtension(fileName) },
                "msbuildthisfileextension" => new[] { Path.GetExtension(fileName) },
                "msbuildthisfiledirectorynoroot" => new[] { _reader.FullFolder(folder).TrimStart('/') },
                "msbuildprojectdirectory" => new[] { _reader.Full(_projectFolder).TrimEnd('/') },
                "msbuildprojectdirectorynoroot" => new[] { _reader.Full(_projectFolder).Trim('/') },
                "msbuildprojectfullpath" => new[] { _reader.Full(_project) },
                "msbuildprojectfile" => new[] { RepositoryPath.FileName(_project) },
                "msbuildprojectname" => new[] { Path.GetFileNameWithoutExtension(_project) },
                "msbuildprojectextension" => new[] { Path.GetExtension(_project) },
                _ => null,
            };
        }

        /// <summary>A property's values: set in the folder's files, else the environment's, else empty or unknown.</summary>
        private IReadOnlyList<string>? Lookup(string name)
        {
            if (_properties.TryGetValue(name, out var values))
            {
                return values;
            }

            if (_reader._environment.TryGetValue(name, out var variable))
            {
                return new[] { variable };
            }

            return _opaque || DotNetSdkFacts.DefinedOutside(name) ? new[] { MSBuildText.Unknown } : null;
        }

        private Truth Condition(string? condition, string file, MSBuildText text) =>
            MSBuildCondition.Evaluate(condition, text, path =>
            {
                var relative = RepositoryPath.Resolve(_reader._root, RepositoryPath.FolderOf(file), path);
                if (relative is not null)
                {
                    _probes.Add(relative);
                }

                return relative is null ? null : _reader.Exists(relative);
            }, _reader._conditionTokens);


        /// <summary>The values of the project's properties that may name a file (what <see cref="ProjectInfo.NamesFile"/> searches).</summary>
        private IReadOnlyList<string> PropertyValues()
        {
            var values = new List<string>();
            foreach (var (name, alternatives) in _properties)
            {
                if (name.StartsWith('_') || name.StartsWith("Directory", StringComparison.Ordinal))
                {
                    continue; // MSBuild's own bookkeeping and the paths of the Directory.* files (imports, decided by the import rule)
                }

                foreach (var value in alternatives)
                {
                    if (value.Length is > 0 and <= 1024 && !value.Contains(MSBuildText.Unknown[0]) && (value.Contains('.') || value.Contains('/') || value.Contains('\\')))
                    {
                        values.Add(value);
                    }
                }
            }

            return values;
        }
    }
}
