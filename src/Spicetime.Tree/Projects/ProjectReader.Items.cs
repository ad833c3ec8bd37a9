using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Projects;

public sealed partial class ProjectReader
{
    /// <summary>Items: the files, projects and packages they name, and where the reader cannot tell (SPT0403).</summary>
    private sealed partial class Evaluation
    {
        /// <summary>
        /// Pass 2: the items pass 1 gathered, in document order with MSBuild's item semantics (Include, Exclude, Remove,
        /// Update, item lists, transforms, metadata), each kept when its conditions hold with the final property values.
        /// Then what the project's items are in the end: its references, and the files its items name.
        /// </summary>
        private ItemsRead ReadItems()
        {
            var read = new ItemsRead();
            var listed = ListedTypes();
            var table = new ItemTable(_reader._root, _projectFolder, _propsImported || _targetsImported, _opaque);
            Define(table, listed);
            foreach (var (item, file, conditions, uncertain) in _items)
            {
                var type = item.Name;
                var inList = listed.Contains(type);
                if (DotNetSdkFacts.Ignored.Contains(type) && !inList)
                {
                    continue; // names no file, project or package, and no list names it: e.g. the PackageVersion items of Directory.Packages.props
                }

                var text = Text(file);
                var truth = conditions.Aggregate(Truth.True, (t, c) => MSBuildCondition.And(t, Condition(c, file, text)));
                if (truth == Truth.False)
                {
                    continue;
                }

                if (type is "PackageReference" or "GlobalPackageReference")
                {
                    Packages(item, text, read, surely: truth == Truth.True && !uncertain);
                }

                // Only a list or a hint path reads metadata: the others' would cost every project's evaluation for nothing.
                var metadata = inList || type == "Reference";
                var certain = truth == Truth.True && !uncertain;
                if (item.Attribute("Include") is { } include)
                {
                    Include(table, item, file, text, include, metadata);
                }
                else if (item.Attribute("Remove") is { } remove && certain && table.Of(type).Count > 0 && item.Attribute("MatchOnMetadata") is null)
                {
                    // An undecided Remove removes nothing: the item stays for the build that keeps it.
                    var match = ItemSpec.Matcher(table, ItemSpec.Values(remove, text, table, type, item, file));
                    table.RemoveWhere(type, i => match(i) == ItemMatch.Yes);
                }
                else if (item.Attribute("Update") is { } update && metadata && table.Of(type).Count > 0)
                {
                    Update(table, item, file, text, update, certain);
                }
            }

            Results(table, read);
            return read;
        }

        /// <param name="surely">The item's conditions hold for certain (a test package then surely makes a test project).</param>
        private void Packages(MSBuildElement item, MSBuildText text, ItemsRead read, bool surely)
        {
            var include = item.Attribute("Include");
            var ids = text.Expand(include ?? item.Attribute("Update") ?? string.Empty).Values;
            var pinned = item.Attribute("VersionOverride") is not null || item.Child("VersionOverride") is not null;
            foreach (var id in ids.SelectMany(v => MSBuildList.Items(v)))
            {
                var unknown = id.Contains(MSBuildText.Unknown[0]);
                read.UnknownPackages |= unknown;
                read.Packages.Add(new PackageUse(id, pinned));
                if (DotNetSdkFacts.TestProjectPackages.Contains(id) || unknown)
                {
                    read.TestPackage = (surely && include is not null && !unknown) || read.TestPackage == Truth.True ? Truth.True : Truth.Unknown;
                }
            }
        }

        /// <summary>The item types some item list of the project names (<c>@(X)</c>): tracked with their metadata, whatever they name.</summary>
        private HashSet<string> ListedTypes()
        {
            var types = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            void Scan(string value)
            {
                for (var at = value.IndexOf("@(", StringComparison.Ordinal); at >= 0; at = value.IndexOf("@(", at + 2, StringComparison.Ordinal))
                {
                    var start = at + 2;
                    while (start < value.Length && char.IsWhiteSpace(value[start]))
                    {
                        start++;
                    }

                    var end = start;
                    while (end < value.Length && (char.IsLetterOrDigit(value[end]) || value[end] is '_' or '-') && !(value[end] == '-' && end + 1 < value.Length && value[end + 1] == '>'))
                    {
                        end++;
                    }

                    types.Add(value[start..end]);
                }
            }

            foreach (var (item, _, _, _) in _items)
            {
                foreach (var attribute in item.Attributes)
                {
                    Scan(attribute.Value);
                }

                foreach (var child in item.Children)
                {
                    Scan(child.Text);
                }
            }

            return types;
        }

        /// <summary>ItemDefinitionGroups, all before any item as in MSBuild: the default metadata of the listed types.</summary>
        private void Define(ItemTable table, HashSet<string> listed)
        {
            foreach (var (group, file, conditions, uncertain) in _itemDefinitions)
            {
                var text = Text(file);
                var groupTruth = conditions.Aggregate(Truth.True, (t, c) => MSBuildCondition.And(t, Condition(c, file, text)));
                foreach (var type in group.Children.Where(t => listed.Contains(t.Name)))
                {
                    var typeTruth = MSBuildCondition.And(groupTruth, Condition(type.Attribute("Condition"), file, text));
                    foreach (var (name, value, condition) in Metadata(type))
                    {
                        var truth = MSBuildCondition.And(typeTruth, Condition(condition, file, text));
                        if (truth != Truth.False)
                        {
                            table.Define(type.Name, name, text.Expand(value), certain: truth == Truth.True && !uncertain);
                        }
                    }
                }
            }
        }

        private void Include(ItemTable table, MSBuildElement element, string file, MSBuildText text, string include, bool withMetadata)
        {
            var values = ItemSpec.Values(include, text, table, element.Name, element, file);
            if (element.Attribute("Exclude") is { } exclude)
            {
                var excluded = ItemSpec.Matcher(table, ItemSpec.Values(exclude, text, table, element.Name, element, file));
                values.RemoveAll(v => excluded(v) == ItemMatch.Yes);
            }

            var keep = MSBuildList.Items(element.Attribute("KeepMetadata")).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var drop = MSBuildList.Items(element.Attribute("RemoveMetadata")).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var value in values)
            {
                // An item made from another type's item carries that item's metadata, its type's defaults included.
                var carried = !withMetadata ? Enumerable.Empty<KeyValuePair<string, MSBuildText.Expansion>>()
                    : value.Type.Equals(element.Name, StringComparison.OrdinalIgnoreCase) ? value.Metadata
                    : table.Definitions(value.Type).Where(d => !value.Metadata.ContainsKey(d.Key)).Concat(value.Metadata);
                var item = value.As(element.Name, element, file, value.Unresolved,
                    carried.Where(m => (keep.Count == 0 || keep.Contains(m.Key)) && !drop.Contains(m.Key)));
                if (withMetadata)
                {
                    SetMetadata(table, item, element, file, text, certain: true);
                }

                table.Add(item);
            }
        }

        /// <summary>Metadata of the items the Update names; where it may not apply (undecided, or a possible match), both values.</summary>
        private void Update(ItemTable table, MSBuildElement element, string file, MSBuildText text, string update, bool certain)
        {
            var match = ItemSpec.Matcher(table, ItemSpec.Values(update, text, table, element.Name, element, file));
            foreach (var item in table.Of(element.Name))
            {
                var matched = match(item);
                if (matched != ItemMatch.No)
                {
                    SetMetadata(table, item, element, file, text, certain && matched == ItemMatch.Yes);
                }
            }
        }

        private void SetMetadata(ItemTable table, EvaluatedItem item, MSBuildElement element, string file, MSBuildText text, bool certain)
        {
            foreach (var (name, value, condition) in Metadata(element))
            {
                var truth = Condition(condition, file, text);
                if (truth == Truth.False)
                {
                    continue;
                }

                var evaluated = ItemSpec.MetadataValue(value, text, table, item);
                item.Metadata[name] = certain && truth == Truth.True ? evaluated : ItemTable.Merge(ItemMetadata.Get(table, item, name, $"%({name})"), evaluated);
            }
        }

        /// <summary>An item element's metadata: its attributes but MSBuild's own, then its child elements (each with its condition).</summary>
        private static IEnumerable<(string Name, string Value, string? Condition)> Metadata(MSBuildElement element)
        {
            foreach (var attribute in element.Attributes)
            {
                if (!ItemAttributes.Contains(attribute.Key))
                {
                    yield return (attribute.Key, attribute.Value, null);
                }
            }

            foreach (var child in element.Children)
            {
                yield return (child.Name, child.Text, child.Attribute("Condition"));
            }
        }

        private static readonly Framework.NameSet ItemAttributes = new(StringComparer.Ordinal, new[]
        {
            "Include", "Exclude", "Remove", "Update", "Condition", "Label", "KeepMetadata", "RemoveMetadata", "KeepDuplicates", "MatchOnMetadata", "MatchOnMetadataOptions",
        });

        /// <summary>What the project's items are once all are read: references (exact or patterns), and the files the build reads.</summary>
        private void Results(ItemTable table, ItemsRead read)
        {
            foreach (var item in table.All(t => t == "ProjectReference" || t == "Reference" || !DotNetSdkFacts.NotFiles.Contains(t)))
            {
                switch (item.Type)
                {
                    case "ProjectReference":
                        foreach (var pattern in ItemPaths(item, item.Include, item.Unresolved, item.BuildOutput, "ProjectReference", item.Element!.Attribute("Include")!))
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
                    case "Reference":
                        // Its own HintPath or its type's default; an SDK's default metadata names no file of the folder.
                        var written = item.Element!.Attribute("HintPath") ?? item.Element.Child("HintPath") ?? string.Empty;
                        if ((item.Metadata.TryGetValue("HintPath", out var hint) || table.Definitions("Reference").TryGetValue("HintPath", out hint)))
                        {
                            foreach (var path in hint.Values.SelectMany(v => MSBuildList.Items(v)))
                            {
                                read.Items.AddRange(ItemPaths(item, path, hint.Unresolved, DotNetSdkFacts.UnderBuildOutput(written), "Reference HintPath", written)
                                    .Select(p => new ItemInput(p, "Reference", item.File!, item.Element.Line)));
                            }
                        }

                        break;
                    default:
                        read.Items.AddRange(ItemPaths(item, item.Include, item.Unresolved, item.BuildOutput, item.Type, item.Element!.Attribute("Include")!)
                            .Select(p => new ItemInput(p, item.Type, item.File!, item.Element!.Line)));
                        break;
                }
            }
        }

        /// <summary>
        /// The files (or projects) an item's value names. A value with unknown parts matches every one it may be and
        /// is reported (SPT0403), unless only properties left it unknown and it points at build output or is no path.
        /// </summary>
        private IEnumerable<PathPattern> ItemPaths(EvaluatedItem item, string value, IReadOnlyList<string> unresolved, bool buildOutput, string what, string written)
        {
            if (value.Trim().Length == 0 || buildOutput)
            {
                yield break;
            }

            var unknown = value.Contains(MSBuildText.Unknown[0]);
            var onlyProperties = unresolved.All(u => u.StartsWith("$(", StringComparison.Ordinal));
            if (unknown && unresolved.Count > 0 && (unresolved.All(DotNetSdkFacts.BuildOutput) || (onlyProperties && !DotNetSdkFacts.LooksLikePath(value))))
            {
                yield break;
            }

            var pattern = PathPattern.Create(_reader._root, _projectFolder, value);
            if (pattern is null)
            {
                yield break;
            }

            if (unknown)
            {
                Imprecise(item.Element!, item.File!, what, written, unresolved.Count > 0 ? unresolved : new[] { written }, pattern);
            }

            yield return pattern;
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
        /// The files an Import names, one pattern per ';'-separated part and alternative; item lists and metadata
        /// are skipped (MSBuild has no items when it imports). A part with unknown pieces is reported (SPT0403) unless it
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
