using Spicetime.Tree.Paths;
using System.Collections.Concurrent;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Projects.Cache;

namespace Spicetime.Tree.Projects;

/// <summary>One project's evaluation: <see cref="ProjectReader"/> keeps what projects share (parsed files, searches).</summary>
public sealed partial class ProjectReader
{
    /// <summary>
    /// One project's evaluation: pass 1 walks the project and its imports in order (here), assigning properties
    /// (ProjectReader.Properties.cs) and following imports (ProjectReader.Imports.cs); pass 2 reads the items with the
    /// final values (ProjectReader.Items.cs).
    /// </summary>
    private sealed partial class Evaluation
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
        private readonly List<(MSBuildElement Group, string File, List<string> Conditions, bool Uncertain)> _itemDefinitions = new();
        private readonly Dictionary<(string, int, int), Diagnostic> _imprecisions = new();
        private bool _propsImported;
        private bool _targetsImported;

        // Set once evaluation has passed files it does not read (an SDK's, one outside the folder): from then on a
        // property no file of the folder defined may have been defined there, so it is unknown rather than empty.
        private bool _opaque;

        // Whether the restore's packages set IsTestProject (DotNetSdkFacts.TestProjectPackages), decided by a first
        // evaluation's packages (ProjectReader.Read): what a restore, then the build's evaluation, see.
        private readonly Truth _testPackages;
        private readonly EvaluationInputs? _inputs;
        private bool _testSdk;

        public Evaluation(ProjectReader reader, string project, MSBuildElement root, Truth testPackages, EvaluationInputs? inputs)
        {
            _inputs = inputs;
            _testPackages = testPackages;
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
            _testSdk = sdks.Any(DotNetSdkFacts.TestProjectSdks.Contains);
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

            var read = ReadItems();

            return new ProjectInfo(_project, read.References.Distinct(StringComparer.Ordinal).ToList(), read.Packages)
            {
                Branch = SingleValue("SpicetimeBranch"),
                MayPinTransitively = MayBeTrue("CentralPackageTransitivePinningEnabled"),
                UsesSpicetimeSdk = usesSpicetime,
                HasDefaultItems = sdk && !sdks.All(DotNetSdkFacts.WithoutDefaultItems.Contains)
                    && !string.Equals(SingleValue("EnableDefaultItems"), "false", StringComparison.OrdinalIgnoreCase),
                DefaultItemExtensions = DefaultItemExtensions(sdks),
                ReferencePatterns = read.ReferencePatterns,
                Imports = _imports,
                Items = read.Items,
                PropertyValues = PropertyValues(),
                RootFullPath = _reader._root,
                UsesUnknownPackages = read.UnknownPackages,
                ReferencesTestPackage = read.TestPackage,
                Probes = new Probes(_probes, _probeChains),
                Imprecisions = _imprecisions.Values.ToList(),
            };
        }

        /// <summary>
        /// The extensions the SDK's default items take when <c>None</c> items are off (F#'s default, or a file of the
        /// folder turning them off): the language's sources unless <c>EnableDefaultCompileItems</c> is off too (F#'s
        /// default), and <c>.resx</c>. Null when they take every file. Each switch as Microsoft.NET.Sdk reads it with the
        /// final values: on when it is "true", or empty (the default), or unknown.
        /// </summary>
        private IReadOnlyList<string>? DefaultItemExtensions(IReadOnlyList<string> sdks)
        {
            var language = DotNetSdkFacts.SourceExtension(_project);
            if (language is null || sdks.Count == 0 || !sdks.All(DotNetSdkFacts.PlainDefaultItemSdks.Contains))
            {
                return null;
            }

            var fsharp = language == ".fs";
            bool On(string name, bool byDefault) =>
                Lookup(name) is not { } values
                    ? byDefault
                    : values.Any(v => v.Contains(MSBuildText.Unknown[0]) || v.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) || (v.Trim().Length == 0 && byDefault));
            if (On("EnableDefaultNoneItems", byDefault: !fsharp))
            {
                return null;
            }

            var extensions = new List<string>();
            if (On("EnableDefaultCompileItems", byDefault: !fsharp))
            {
                extensions.Add(language);
            }

            if (On("EnableDefaultEmbeddedResourceItems", byDefault: true))
            {
                extensions.Add(".resx");
            }

            return extensions;
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
                                var expansion = Text(file).Expand(property.Text);
                                var defined = _properties.ContainsKey(property.Name);
                                Assign(property.Name, expansion.Values, uncertain || truth == Truth.Unknown);
                                TraceUnknown(property, file, expansion, uncertain || truth == Truth.Unknown, defined);
                            }
                        }

                        break;
                    case "ItemGroup":
                        var conditions = condition is null ? itemConditions : new List<string>(itemConditions) { condition };
                        foreach (var item in element.Children)
                        {
                            var own = item.Attribute("Condition") is { } c ? new List<string>(conditions) { c } : conditions;
                            _items.Add((item, file, own, uncertain));
                        }

                        break;
                    case "ItemDefinitionGroup":
                        _itemDefinitions.Add((element, file, condition is null ? itemConditions : new List<string>(itemConditions) { condition }, uncertain));
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

    }
}
