using Spicetime.Tree.Paths;

namespace Spicetime.Tree.Projects;

/// <summary>
/// One item as the reader's evaluation holds it: its type, its evaluated Include (one value; a text with alternatives
/// gives one item per alternative, so a list is the union of what a build may hold), its metadata, and the element
/// that made it (the reason a changed file names, and where an SPT0403 warning points).
/// </summary>
internal sealed class EvaluatedItem
{
    public EvaluatedItem(string type, string include, IReadOnlyList<string> unresolved, MSBuildElement? element, string? file, bool buildOutput,
        Dictionary<string, MSBuildText.Expansion>? metadata = null, bool outside = false)
    {
        Type = type;
        Include = include;
        Unresolved = unresolved;
        Element = element;
        File = file;
        BuildOutput = buildOutput;
        Metadata = metadata ?? new Dictionary<string, MSBuildText.Expansion>(StringComparer.OrdinalIgnoreCase);
        Outside = outside;
    }

    /// <summary>Stands for the items a file the reader does not read (an SDK's) may add to a list: every value, every metadata.</summary>
    public static EvaluatedItem FromOutside(string type) =>
        new(type, MSBuildText.Unknown, new[] { $"@({type})" }, null, null, buildOutput: false, outside: true);

    public string Type { get; }

    /// <summary>
    /// The evaluated Include: <see cref="MSBuildText.Unknown"/> where a part could not be evaluated; a glob stays a
    /// glob (its files are not listed: <see cref="PathPattern"/> matches it against changed files, added ones too).
    /// </summary>
    public string Include { get; }

    /// <summary>The expressions that left unknown parts in <see cref="Include"/> (for SPT0403).</summary>
    public IReadOnlyList<string> Unresolved { get; }

    /// <summary>The element that made the item (null for <see cref="FromOutside"/>), and its file.</summary>
    public MSBuildElement? Element { get; }

    public string? File { get; }

    /// <summary>Its path starts in build output or an SDK's folder (<c>$(OutputPath)x.dll</c>): never a source.</summary>
    public bool BuildOutput { get; }

    /// <summary>Its own metadata, by name without case (values with alternatives, as properties hold them).</summary>
    public Dictionary<string, MSBuildText.Expansion> Metadata { get; }

    public bool Outside { get; }

    /// <summary>Its place in document order among the table's items.</summary>
    public int Sequence { get; set; } = -1;

    /// <summary>This value as an item of <paramref name="type"/> made by <paramref name="element"/>, with a copy of the metadata it carries.</summary>
    public EvaluatedItem As(string type, MSBuildElement element, string file, IReadOnlyList<string> unresolved, IEnumerable<KeyValuePair<string, MSBuildText.Expansion>> metadata) =>
        new(type, Include, unresolved, element, file, BuildOutput, Copy(metadata), Outside);

    public static Dictionary<string, MSBuildText.Expansion> Copy(IEnumerable<KeyValuePair<string, MSBuildText.Expansion>> metadata)
    {
        var copy = new Dictionary<string, MSBuildText.Expansion>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in metadata)
        {
            copy[name] = value;
        }

        return copy;
    }
}

/// <summary>
/// The items of one project's evaluation so far, per type, in document order (MSBuild's item pass: an item list
/// <c>@(X)</c> holds the items defined before it), the item definitions' default metadata, and what is known of the
/// items files the reader does not read may add (an SDK's). Also what metadata needs of the project: its folder.
/// </summary>
internal sealed class ItemTable
{
    private readonly Dictionary<string, List<EvaluatedItem>> _items = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Dictionary<string, MSBuildText.Expansion>> _definitions = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _included = new(StringComparer.OrdinalIgnoreCase);
    private readonly bool _onSdk;
    private readonly bool _opaque;
    private int _next;

    /// <param name="root">The analysed folder's full path ('/' separators).</param>
    /// <param name="projectFolder">The project's folder, relative: every Include is relative to it, wherever it is written.</param>
    /// <param name="onSdk">The project imports Microsoft.Common's files (an SDK), which give items of the types <see cref="DotNetSdkFacts.SdkItemTypes"/> names.</param>
    /// <param name="opaque">The evaluation passed files the reader does not read (an unknown SDK, an import outside the folder).</param>
    public ItemTable(string root, string projectFolder, bool onSdk, bool opaque)
    {
        Root = root;
        ProjectFolder = projectFolder;
        _onSdk = onSdk;
        _opaque = opaque;
    }

    public string Root { get; }

    public string ProjectFolder { get; }

    /// <summary>The full path of a file or folder of the analysed folder (relative), as MSBuild writes it.</summary>
    public string Full(string relative) => relative == RepositoryPath.Root ? Root + "/" : $"{Root}/{relative}";

    /// <summary>The items of <paramref name="type"/> defined so far, in order.</summary>
    public IReadOnlyList<EvaluatedItem> Of(string type) => _items.TryGetValue(type, out var list) ? list : Array.Empty<EvaluatedItem>();

    /// <summary>
    /// True when files the reader does not read may add items of <paramref name="type"/>: the SDK's (its default
    /// items, implicit references), or any when such files were imported and the folder's files give it none (as an
    /// unknown SDK's properties are unknown unless the folder sets them).
    /// </summary>
    public bool MayAddItems(string type) => (_onSdk && DotNetSdkFacts.SdkItemTypes.Contains(type)) || (_opaque && !_included.Contains(type));

    /// <summary>True when files the reader does not read may give items of <paramref name="type"/> metadata (their item definitions).</summary>
    public bool MayDefineMetadata(string type) => (_onSdk && DotNetSdkFacts.SdkItemTypes.Contains(type)) || _opaque;

    /// <summary>Every item of the types <paramref name="types"/> accepts, in document order.</summary>
    public IEnumerable<EvaluatedItem> All(Func<string, bool> types) =>
        _items.Where(p => types(p.Key)).SelectMany(p => p.Value).OrderBy(i => i.Sequence);

    public void Add(EvaluatedItem item)
    {
        item.Sequence = _next++;
        _included.Add(item.Type);
        if (!_items.TryGetValue(item.Type, out var list))
        {
            _items[item.Type] = list = new List<EvaluatedItem>();
        }

        list.Add(item);
    }

    public void RemoveWhere(string type, Func<EvaluatedItem, bool> match)
    {
        if (_items.TryGetValue(type, out var list))
        {
            list.RemoveAll(i => match(i));
        }
    }

    /// <summary>An ItemDefinitionGroup's default metadata; one the reader could not decide keeps the value it had too.</summary>
    public void Define(string type, string name, MSBuildText.Expansion value, bool certain)
    {
        if (!_definitions.TryGetValue(type, out var metadata))
        {
            _definitions[type] = metadata = new Dictionary<string, MSBuildText.Expansion>(StringComparer.OrdinalIgnoreCase);
        }

        metadata[name] = certain ? value : Merge(metadata.TryGetValue(name, out var old) ? old : Empty, value);
    }

    /// <summary>The default metadata of <paramref name="type"/> the folder's item definitions give.</summary>
    public IReadOnlyDictionary<string, MSBuildText.Expansion> Definitions(string type) =>
        _definitions.TryGetValue(type, out var metadata) ? metadata : _noDefinitions;

    public static readonly MSBuildText.Expansion Empty = new(new[] { string.Empty }, Array.Empty<string>());

    // Per table, not static: no mutable state outlives an evaluation (StaticStateTests), even an empty dictionary.
    private readonly Dictionary<string, MSBuildText.Expansion> _noDefinitions = new();

    /// <summary>Both values, as a property set under an undecided condition holds both (more than 8 become unknown).</summary>
    public static MSBuildText.Expansion Merge(MSBuildText.Expansion old, MSBuildText.Expansion value)
    {
        var values = old.Values.Concat(value.Values).Distinct(StringComparer.Ordinal).ToList();
        var unresolved = old.Unresolved.Concat(value.Unresolved).Distinct(StringComparer.Ordinal).ToList();
        return values.Count > 8 ? new MSBuildText.Expansion(new[] { MSBuildText.Unknown }, unresolved) : new MSBuildText.Expansion(values, unresolved);
    }
}
