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

        /// <summary>Where each property with an unknown part got it: the definitions (file, position, expression) SPT0403 names.</summary>
        private readonly Dictionary<string, List<UnknownOrigin>> _unknownOrigins = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// Records why a property just assigned holds an unknown part: an expression of its definition the reader cannot
        /// evaluate (a function, an SDK's property), or the definition of a property it reads that has one (the cause
        /// travels with the value, so a warning names the one definition however many paths use it).
        /// </summary>
        private void TraceUnknown(MSBuildElement property, string file, MSBuildText.Expansion expansion, bool uncertain, bool definedBefore)
        {
            var name = property.Name;
            if (!_properties.TryGetValue(name, out var values) || !values.Any(v => v.Contains(MSBuildText.Unknown[0])))
            {
                _unknownOrigins.Remove(name);
                return;
            }

            var origins = new List<UnknownOrigin>();
            if (uncertain && _unknownOrigins.TryGetValue(name, out var previous))
            {
                origins.AddRange(previous);
            }
            else if (uncertain && !definedBefore && Variable(name) is null && (_opaque || DotNetSdkFacts.DefinedOutside(name)))
            {
                // Set under a condition the reader cannot decide, over a value only the SDK or the command line gives.
                origins.Add(new UnknownOrigin(file, property.Line, property.Column, name, $"$({name})", WhyUnknown($"$({name})")));
            }

            foreach (var expression in expansion.Unresolved)
            {
                if (PropertyName(expression) is { } read && _unknownOrigins.TryGetValue(read, out var inherited))
                {
                    origins.AddRange(inherited);
                }
                else
                {
                    // A path into build output or the SDK's folders is no source: kept, never reported (Why null).
                    origins.Add(new UnknownOrigin(file, property.Line, property.Column, name, expression,
                        DotNetSdkFacts.BuildOutput(expression) ? null : WhyUnknown(expression)));
                }
            }

            if (origins.Count == 0)
            {
                origins.Add(new UnknownOrigin(file, property.Line, property.Column, name, property.Text.Trim(), "it has more alternative values than the reader keeps"));
            }

            _unknownOrigins[name] = origins.Distinct().ToList();
        }

        /// <summary>The name of a plain property reference (<c>$(Name)</c>), else null.</summary>
        private static string? PropertyName(string expression) =>
            expression.StartsWith("$(", StringComparison.Ordinal) && expression.EndsWith(')') && expression[2..^1].Trim() is { Length: > 0 } name
                && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
                ? name
                : null;

        /// <summary>What an expression the reader left unknown is, in the words of SPT0403.</summary>
        private string WhyUnknown(string expression)
        {
            if (PropertyName(expression) is { } name)
            {
                return DotNetSdkFacts.DefinedOutside(name)
                    ? "the .NET SDK, MSBuild or the command line defines it; no file of the folder does"
                    : "no file of the folder defines it, and an SDK or a file outside the folder the evaluation imported may";
            }

            return expression.StartsWith('@') || expression.StartsWith('%')
                ? "item lists and metadata are not evaluated"
                : "a property function the reader does not evaluate";
        }

        /// <summary>A definition that gave a property an unknown part, and why.</summary>
        private sealed record UnknownOrigin(string File, int Line, int Column, string Property, string Expression, string? Why);

        /// <summary>True when some value the property may have is "true", or is unknown.</summary>
        private bool MayBeTrue(string name) =>
            (Lookup(name) ?? Array.Empty<string>()).Any(v => v.Contains(MSBuildText.Unknown[0]) || string.Equals(v.Trim(), "true", StringComparison.OrdinalIgnoreCase));

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

            if (Variable(name) is { } variable)
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

                return relative is null ? null : Exists(relative);
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
