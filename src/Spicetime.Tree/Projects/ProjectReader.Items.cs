using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Projects;

public sealed partial class ProjectReader
{
    /// <summary>Items: the files, projects and packages they name, and where the reader cannot tell (SPT0403).</summary>
    private sealed partial class Evaluation
    {
        /// <summary>Pass 2: the items pass 1 gathered, each kept when its conditions hold with the final property values.</summary>
        private ItemsRead ReadItems()
        {
            var read = new ItemsRead();
            foreach (var (item, file, conditions, uncertain) in _items)
            {
                var text = Text(file);
                var truth = conditions.Aggregate(Truth.True, (t, c) => MSBuildCondition.And(t, Condition(c, file, text)));
                if (truth == Truth.False)
                {
                    continue;
                }

                var include = item.Attribute("Include");
                switch (item.Name)
                {
                    case "ProjectReference" when include is not null:
                        foreach (var pattern in Paths(include, _projectFolder, text, item, file, "ProjectReference"))
                        {
                            if (pattern.Exact is { } exact)
                            {
                                read.References.Add(exact);
                            }
                            else
                            {
                                read.ReferencePatterns.Add(pattern);
                            }
                        }

                        break;
                    case "PackageReference" or "GlobalPackageReference":
                        var ids = text.Expand(include ?? item.Attribute("Update") ?? string.Empty).Values;
                        var pinned = item.Attribute("VersionOverride") is not null || item.Child("VersionOverride") is not null;
                        foreach (var id in ids.SelectMany(v => MSBuildList.Items(v)))
                        {
                            read.UnknownPackages |= id.Contains(MSBuildText.Unknown[0]);
                            read.Packages.Add(new PackageUse(id, pinned));
                            if (DotNetSdkFacts.TestProjectPackages.Contains(id) || id.Contains(MSBuildText.Unknown[0]))
                            {
                                var surely = include is not null && !uncertain && truth == Truth.True && !id.Contains(MSBuildText.Unknown[0]);
                                read.TestPackage = surely || read.TestPackage == Truth.True ? Truth.True : Truth.Unknown;
                            }
                        }

                        break;
                    case "Reference" when (item.Attribute("HintPath") ?? item.Child("HintPath")) is { } hint:
                        read.Items.AddRange(Paths(hint, _projectFolder, text, item, file, "Reference HintPath").Select(p => new ItemInput(p, "Reference", file, item.Line)));
                        break;
                    default:
                        if (include is not null && !DotNetSdkFacts.NotFiles.Contains(item.Name))
                        {
                            read.Items.AddRange(Paths(include, _projectFolder, text, item, file, item.Name).Select(p => new ItemInput(p, item.Name, file, item.Line)));
                        }

                        break;
                }
            }

            return read;
        }

        /// <summary>What the project's items name: references (exact or patterns), packages, and the files the build reads.</summary>
        private sealed class ItemsRead
        {
            public List<string> References { get; } = new();

            public List<PathPattern> ReferencePatterns { get; } = new();

            public List<PackageUse> Packages { get; } = new();

            public List<ItemInput> Items { get; } = new();

            public bool UnknownPackages { get; set; }

            /// <summary>Whether a package that sets IsTestProject is referenced (surely, perhaps, not).</summary>
            public Truth TestPackage { get; set; }
        }

        /// <summary>
        /// The files an attribute names, one pattern per ';'-separated part and alternative; item lists and metadata
        /// are skipped (their files are items of their own). A part with unknown pieces is reported (SPT0403) unless it
        /// only points at build output or an SDK's files, which no change to the sources touches.
        /// </summary>
        private IEnumerable<PathPattern> Paths(string value, string baseFolder, MSBuildText text, MSBuildElement element, string file, string what)
        {
            foreach (var part in MSBuildList.Items(value))
            {
                if (part.Contains("@(", StringComparison.Ordinal) || part.Contains("%(", StringComparison.Ordinal) || DotNetSdkFacts.UnderBuildOutput(part))
                {
                    continue;
                }

                var expansion = text.Expand(part);
                foreach (var alternative in expansion.Values)
                {
                    if (alternative.Trim().Length == 0)
                    {
                        continue;
                    }

                    var unknown = alternative.Contains(MSBuildText.Unknown[0]);
                    if (unknown && (expansion.Unresolved.All(DotNetSdkFacts.BuildOutput) || !DotNetSdkFacts.LooksLikePath(alternative)))
                    {
                        continue;
                    }

                    var pattern = PathPattern.Create(_reader._root, baseFolder, alternative);
                    if (pattern is null)
                    {
                        continue;
                    }

                    if (unknown)
                    {
                        Imprecise(element, file, what, part, expansion.Unresolved, pattern);
                    }

                    yield return pattern;
                }
            }
        }

        /// <summary>
        /// SPT0403 for a path with unknown parts, one warning per cause: a property whose definition the reader could not
        /// evaluate is reported at that definition (once, however many items and projects use it); any other
        /// expression where it is used.
        /// </summary>
        private void Imprecise(MSBuildElement element, string file, string what, string text, IReadOnlyList<string> unresolved, PathPattern pattern)
        {
            var direct = new List<string>();
            foreach (var expression in unresolved.Where(u => !DotNetSdkFacts.BuildOutput(u)).Distinct(StringComparer.Ordinal))
            {
                if (PropertyName(expression) is { } name && _unknownOrigins.TryGetValue(name, out var origins))
                {
                    foreach (var origin in origins.Where(o => o.Why is not null))
                    {
                        Report(origin.File, origin.Line, origin.Column,
                            $"spicetime affected cannot evaluate {origin.Expression} in the definition of property {origin.Property} ({origin.Why}); every file, project or import a path built from $({origin.Property}) may name counts");
                    }
                }
                else
                {
                    direct.Add(expression);
                }
            }

            if (direct.Count == 0)
            {
                return;
            }

            var counted = what switch
            {
                "ProjectReference" => "every project it may name counts as referenced",
                "Import" => "every .props/.targets file it may name counts as imported",
                _ => "every file it may name counts as an input",
            };
            var why = string.Join("; ", direct.Select(WhyUnknown).Distinct(StringComparer.Ordinal));
            Report(file, element.Line, element.Column,
                $"spicetime affected cannot evaluate {string.Join(", ", direct)} in {what} '{text}' ({why}); {counted} (pattern {pattern})");
        }

        private void Report(string file, int line, int column, string message)
        {
            var key = (file, line, column);
            if (!_imprecisions.ContainsKey(key))
            {
                _imprecisions[key] = DiagnosticCodes.AffectedPrecisionLost.Create(message,
                    _reader.Full(file), new SourcePosition(line, Math.Max(1, column - 1))); // MSBuild's column is the '<'
            }
        }
    }
}
