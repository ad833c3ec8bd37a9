using Spicetime.Tree.Paths;
using System.Collections.Concurrent;
using Spicetime.Tree.Diagnostics;

namespace Spicetime.Tree.Projects;

/// <summary>One project's evaluation: <see cref="ProjectReader"/> keeps what projects share (parsed files, searches).</summary>
public sealed partial class ProjectReader
{
    /// <summary>One project's evaluation: pass 1 (properties and imports, in order), then items with the final values.</summary>
    private sealed class Evaluation
    {
        private readonly ProjectReader _reader;
        private readonly string _project;
        private readonly MSBuildElement _projectRoot;
        private readonly string _projectFolder;
        private readonly Dictionary<string, List<string>> _properties = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _imported = new(StringComparer.Ordinal);
        private readonly List<ImportedFile> _imports = new();
        private readonly List<string> _probes = new();
        private readonly List<ProbeChain> _probeChains = new();
        private readonly List<(MSBuildElement Item, string File, List<string> Conditions, bool Uncertain)> _items = new();
        private readonly Dictionary<(string, int, int), Diagnostic> _imprecisions = new();
        private bool _propsImported;
        private bool _targetsImported;

        // Set once evaluation has passed files it does not read (an SDK's, one outside the folder): from then on a
        // property no file of the folder defined may have been defined there, so it is unknown rather than empty.
        private bool _opaque;

        public Evaluation(ProjectReader reader, string project, MSBuildElement root)
        {
            _reader = reader;
            _project = project;
            _projectRoot = root;
            _projectFolder = RepositoryPath.FolderOf(project);
        }

        public ProjectInfo Run()
        {
            var sdks = MSBuildList.Items(_projectRoot.Attribute("Sdk"))
                .Concat(_projectRoot.Children.Where(c => c.Name == "Sdk").Select(c => c.Attribute("Name") ?? string.Empty))
                .Select(n => n.Split('/')[0].Trim())
                .ToList();
            var sdk = sdks.Count > 0;

            // Microsoft.NET.Sdk's properties are known by name (DotNetSdkFacts.SdkProperties); any other SDK may define anything.
            _opaque = sdks.Any(n => !DotNetSdkFacts.KnownSdks.Contains(n));
            var usesSpicetime = DotNetSdkFacts.NamesSpicetimeSdk(_projectRoot.Attribute("Sdk"))
                || _projectRoot.Children.Any(c => (c.Name == "Sdk" && DotNetSdkFacts.NamesSpicetimeSdk(c.Attribute("Name"))) || (c.Name == "Import" && DotNetSdkFacts.NamesSpicetimeSdk(c.Attribute("Sdk"))));
            if (sdk)
            {
                ImplicitProps();
            }

            Walk(_projectRoot.Children, _project, new List<string>(), uncertain: false);
            if (sdk)
            {
                ImplicitTargets();
            }

            var references = new List<string>();
            var referencePatterns = new List<PathPattern>();
            var packages = new List<PackageUse>();
            var items = new List<ItemInput>();
            var unknownPackages = false;
            foreach (var (item, file, conditions, uncertain) in _items)
            {
                var text = Text(file);
                if (conditions.Aggregate(Truth.True, (t, c) => MSBuildCondition.And(t, Condition(c, file, text))) == Truth.False)
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
                                references.Add(exact);
                            }
                            else
                            {
                                referencePatterns.Add(pattern);
                            }
                        }

                        break;
                    case "PackageReference" or "GlobalPackageReference":
                        var ids = text.Expand(include ?? item.Attribute("Update") ?? string.Empty).Values;
                        var pinned = item.Attribute("VersionOverride") is not null || item.Child("VersionOverride") is not null;
                        foreach (var id in ids.SelectMany(v => MSBuildList.Items(v)))
                        {
                            unknownPackages |= id.Contains(MSBuildText.Unknown[0]);
                            packages.Add(new PackageUse(id, pinned));
                        }

                        break;
                    case "Reference" when (item.Attribute("HintPath") ?? item.Child("HintPath")) is { } hint:
                        items.AddRange(Paths(hint, _projectFolder, text, item, file, "Reference HintPath").Select(p => new ItemInput(p, "Reference", file, item.Line)));
                        break;
                    default:
                        if (include is not null && !DotNetSdkFacts.NotFiles.Contains(item.Name))
                        {
                            items.AddRange(Paths(include, _projectFolder, text, item, file, item.Name).Select(p => new ItemInput(p, item.Name, file, item.Line)));
                        }

                        break;
                }
            }

            return new ProjectInfo(_project, references.Distinct(StringComparer.Ordinal).ToList(), packages)
            {
                Branch = SingleValue("SpicetimeBranch"),
                UsesSpicetimeSdk = usesSpicetime,
                HasDefaultItems = sdk && !sdks.All(DotNetSdkFacts.WithoutDefaultItems.Contains)
                    && !string.Equals(SingleValue("EnableDefaultItems"), "false", StringComparison.OrdinalIgnoreCase),
                ReferencePatterns = referencePatterns,
                Imports = _imports,
                Items = items,
                PropertyValues = PropertyValues(),
                RootFullPath = _reader._root,
                UsesUnknownPackages = unknownPackages,
                Probes = new Probes(_probes, _probeChains),
                Imprecisions = _imprecisions.Values.ToList(),
            };
        }

        /// <summary>Microsoft.Common.props: the nearest Directory.Build.props, then the nearest Directory.Packages.props.</summary>
        private void ImplicitProps()
        {
            if (_propsImported)
            {
                return;
            }

            _propsImported = true;
            ImportNearest("Directory.Build.props", "ImportDirectoryBuildProps", "DirectoryBuildPropsPath", "_DirectoryBuildPropsFile", "_DirectoryBuildPropsBasePath");
            ImportNearest("Directory.Packages.props", "ImportDirectoryPackagesProps", "DirectoryPackagesPropsPath", "_DirectoryPackagesPropsFile", "_DirectoryPackagesPropsBasePath");
            ImportHooks(DotNetSdkFacts.PropsHooks);
        }

        /// <summary>Microsoft.Common.targets: the nearest Directory.Build.targets.</summary>
        private void ImplicitTargets()
        {
            if (_targetsImported)
            {
                return;
            }

            _targetsImported = true;
            ImportHooks(DotNetSdkFacts.TargetsHooksBefore);
            ImportNearest("Directory.Build.targets", "ImportDirectoryBuildTargets", "DirectoryBuildTargetsPath", "_DirectoryBuildTargetsFile", "_DirectoryBuildTargetsBasePath");
            ImportHooks(DotNetSdkFacts.TargetsHooksAfter);
        }

        /// <summary>
        /// The files the SDK imports because a property names them (<c>CustomBeforeMicrosoftCSharpTargets</c> and the
        /// other hooks of Microsoft.Common and the language targets; each a ';' list). A value the repository set is
        /// imported like any import; a relative one would be relative to the SDK's file, outside the folder.
        /// </summary>
        private void ImportHooks(IEnumerable<string> hooks)
        {
            foreach (var hook in hooks)
            {
                if (!_properties.TryGetValue(hook, out var values))
                {
                    continue; // set by no file of the folder: nothing of ours to import
                }

                foreach (var part in values.SelectMany(v => MSBuildList.Items(v)))
                {
                    if (part.Contains(MSBuildText.Unknown[0]))
                    {
                        // Counted like an import with an unknown part: every build file it may name.
                        if (DotNetSdkFacts.LooksLikePath(part) && PathPattern.Create(_reader._root, RepositoryPath.Root, part) is { } pattern)
                        {
                            foreach (var match in _reader._buildFiles.Where(pattern.Matches).Where(_imported.Add))
                            {
                                _imports.Add(new ImportedFile(match, _project));
                            }
                        }

                        _opaque = true;
                    }
                    else if (RepositoryPath.IsAbsolute(RepositoryPath.Normalize(part)) && RepositoryPath.Resolve(_reader._root, RepositoryPath.Root, part) is { } path)
                    {
                        _probes.Add(path);
                        if (_reader.Exists(path))
                        {
                            Import(path, _project, uncertain: values.Count > 1);
                        }
                    }
                }
            }
        }

        /// <summary>
        /// As Microsoft.Common.props/.targets do it: the switch, the properties they set (files that chain to the
        /// one above read them, e.g. <c>$([System.IO.Path]::Combine('..', '$(_DirectoryBuildPropsFile)'))</c>), then
        /// the nearest file of that name at or above the project's folder.
        /// </summary>
        private void ImportNearest(string name, string switchProperty, string pathProperty, string fileProperty, string basePathProperty)
        {
            if (SingleValue(switchProperty) is { } on && on.Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            _properties[switchProperty] = new List<string> { "true" };
            _properties[fileProperty] = new List<string> { name };
            var folder = FolderAbove(_projectFolder, name);
            _properties[basePathProperty] = new List<string> { folder is null ? string.Empty : _reader.FullFolder(folder) };
            _properties[pathProperty] = new List<string> { folder is null ? string.Empty : _reader.Full(RepositoryPath.Join(folder, name)) };
            if (folder is not null)
            {
                Import(RepositoryPath.Join(folder, name), _project, uncertain: false);
            }
        }

        /// <summary>The nearest folder at or above <paramref name="folder"/> holding <paramref name="name"/>; every place looked at is a probe.</summary>
        private string? FolderAbove(string folder, string name)
        {
            var (found, probes) = _reader.Nearest(folder, name);
            _probeChains.Add(probes);
            return found;
        }

        private void Import(string file, string importedBy, bool uncertain)
        {
            if (!_imported.Add(file))
            {
                return; // MSBuild skips a file imported twice (MSB4011)
            }

            _imports.Add(new ImportedFile(file, importedBy));
            if (_reader.Load(file).Root is { } root)
            {
                Walk(root.Children, file, new List<string>(), uncertain);
            }
        }

        private void Walk(IEnumerable<MSBuildElement> elements, string file, List<string> itemConditions, bool uncertain)
        {
            foreach (var element in elements)
            {
                var condition = element.Attribute("Condition");
                switch (element.Name)
                {
                    case "PropertyGroup":
                        var groupTruth = Condition(condition, file, Text(file));
                        if (groupTruth == Truth.False)
                        {
                            break;
                        }

                        foreach (var property in element.Children)
                        {
                            var truth = MSBuildCondition.And(groupTruth, Condition(property.Attribute("Condition"), file, Text(file)));
                            if (truth != Truth.False)
                            {
                                Assign(property.Name, Text(file).Expand(property.Text).Values, uncertain || truth == Truth.Unknown);
                            }
                        }

                        break;
                    case "ItemGroup":
                        var conditions = condition is null ? itemConditions : new List<string>(itemConditions) { condition };
                        foreach (var item in element.Children)
                        {
                            if (DotNetSdkFacts.Ignored.Contains(item.Name))
                            {
                                continue; // names no file, project or package: e.g. the PackageVersion items of Directory.Packages.props
                            }

                            var own = item.Attribute("Condition") is { } c ? new List<string>(conditions) { c } : conditions;
                            _items.Add((item, file, own, uncertain));
                        }

                        break;
                    case "Import":
                        ImportElement(element, file, uncertain);
                        break;
                    case "ImportGroup":
                        var importTruth = Condition(condition, file, Text(file));
                        if (importTruth != Truth.False)
                        {
                            foreach (var import in element.Children.Where(c => c.Name == "Import"))
                            {
                                ImportElement(import, file, uncertain || importTruth == Truth.Unknown);
                            }
                        }

                        break;
                    case "Choose":
                        Choose(element, file, itemConditions, uncertain);
                        break;
                }
            }
        }

        /// <summary>The first When that is true, else Otherwise; a When the reader cannot decide is taken along with what follows.</summary>
        private void Choose(MSBuildElement choose, string file, List<string> itemConditions, bool uncertain)
        {
            var undecided = false;
            foreach (var branch in choose.Children)
            {
                if (branch.Name == "When")
                {
                    var truth = Condition(branch.Attribute("Condition"), file, Text(file));
                    if (truth == Truth.False)
                    {
                        continue;
                    }

                    // Items keep the condition, evaluated with the final properties as MSBuild does.
                    var conditions = branch.Attribute("Condition") is { } c ? new List<string>(itemConditions) { c } : itemConditions;
                    Walk(branch.Children, file, conditions, uncertain || undecided || truth == Truth.Unknown);
                    if (truth == Truth.True && !undecided)
                    {
                        return;
                    }

                    undecided = true;
                }
                else if (branch.Name == "Otherwise")
                {
                    Walk(branch.Children, file, itemConditions, uncertain || undecided);
                }
            }
        }

        private void ImportElement(MSBuildElement import, string file, bool uncertain)
        {
            var project = import.Attribute("Project") ?? string.Empty;
            var text = Text(file);
            var truth = Condition(import.Attribute("Condition"), file, text);
            if (truth == Truth.False)
            {
                return;
            }

            uncertain |= truth == Truth.Unknown;
            if (import.Attribute("Sdk") is { Length: > 0 })
            {
                // <Import Project="Sdk.props" Sdk="X" />: the SDK's own files, which bring MSBuild's implicit imports.
                if (project.EndsWith(".props", StringComparison.OrdinalIgnoreCase))
                {
                    ImplicitProps();
                }
                else
                {
                    ImplicitTargets();
                }

                _opaque |= !DotNetSdkFacts.KnownSdks.Contains(import.Attribute("Sdk")!.Split('/')[0].Trim());
                return;
            }

            var name = RepositoryPath.FileName(RepositoryPath.Normalize(project));
            if (name.Equals("Microsoft.Common.props", StringComparison.OrdinalIgnoreCase))
            {
                ImplicitProps();
                return;
            }

            if (DotNetSdkFacts.CommonTargets.Contains(name))
            {
                ImplicitTargets();
                return;
            }

            // A file outside the folder (an SDK's, another repository's) is not read: what it defines is unknown.
            var folder = RepositoryPath.FolderOf(file);
            if (text.Expand(project).Values.Any(v => v.Contains(MSBuildText.Unknown[0]) || RepositoryPath.Resolve(_reader._root, folder, v) is null))
            {
                _opaque = true;
            }

            foreach (var pattern in Paths(project, folder, text, import, file, "Import"))
            {
                if (pattern.Exact is { } exact)
                {
                    _probes.Add(exact);
                    if (_reader.Exists(exact))
                    {
                        Import(exact, file, uncertain);
                    }

                    continue;
                }

                // A wildcard import reads every file it matches, in order; one with an unknown part cannot be read
                // (what it defines is unknown), but a change to any file it may be counts.
                foreach (var match in _reader._buildFiles.Where(pattern.Matches).OrderBy(f => f, StringComparer.Ordinal))
                {
                    if (pattern.HasUnknown)
                    {
                        if (_imported.Add(match))
                        {
                            _imports.Add(new ImportedFile(match, file));
                        }
                    }
                    else
                    {
                        Import(match, file, uncertain);
                    }
                }

                _opaque |= pattern.HasUnknown;
            }
        }

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

        private void Imprecise(MSBuildElement element, string file, string what, string text, IReadOnlyList<string> unresolved, PathPattern pattern)
        {
            var key = (file, element.Line, element.Column);
            if (_imprecisions.ContainsKey(key))
            {
                return;
            }

            var names = string.Join(", ", unresolved.Where(u => !DotNetSdkFacts.BuildOutput(u)).Distinct(StringComparer.Ordinal));
            var counted = what switch
            {
                "ProjectReference" => "every project it may name counts as referenced",
                "Import" => "every .props/.targets file it may name counts as imported",
                _ => "every file it may name counts as an input",
            };
            _imprecisions[key] = DiagnosticCodes.AffectedPrecisionLost.Create($"spicetime affected cannot evaluate {names} in {what} '{text}' (no file of the folder defines it); {counted} (pattern {pattern})",
                _reader.Full(file), new SourcePosition(element.Line, Math.Max(1, element.Column - 1))); // MSBuild's column is the '<' 
        }

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
