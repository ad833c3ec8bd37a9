namespace Spicetime.Tree.Projects;

/// <summary>
/// The projects of a folder and their references both ways: what each references (its ProjectReferences, those with
/// unknown parts matched against every project, and whatever references a caller adds, such as the scope projects the
/// SDK injects) and what references each. The closures the selective-build rules and the workspace walk live here.
/// </summary>
public sealed class ProjectGraph
{
    private readonly Dictionary<string, ProjectInfo> _byPath;
    private readonly Dictionary<string, IReadOnlyList<string>> _references;
    private readonly Dictionary<string, List<string>> _referencedBy = new(StringComparer.Ordinal);

    /// <param name="added">References a project gets besides its own (e.g. scope projects the SDK injects).</param>
    public ProjectGraph(IReadOnlyList<ProjectInfo> projects, Func<ProjectInfo, IEnumerable<string>>? added = null)
    {
        Projects = projects;
        _byPath = projects.ToDictionary(p => p.RelativePath, StringComparer.Ordinal);
        _references = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var project in projects)
        {
            var own = project.References;
            var references = new List<string>(own.Count);
            HashSet<string>? seen = null;
            for (var i = 0; i < own.Count; i++) // indexed: a foreach over the interface allocates an enumerator a project
            {
                Add(references, ref seen, project, own[i]);
            }

            if (project.ReferencePatterns.Count > 0)
            {
                foreach (var other in projects)
                {
                    if (other != project && project.ReferencePatterns.Any(r => r.Matches(other.RelativePath)))
                    {
                        Add(references, ref seen, project, other.RelativePath);
                    }
                }
            }

            if (added?.Invoke(project) is { } extra)
            {
                foreach (var reference in extra)
                {
                    Add(references, ref seen, project, reference);
                }
            }

            _references[project.RelativePath] = references;
            foreach (var reference in references) // List<T>'s own struct enumerator: no allocation
            {
                (_referencedBy.TryGetValue(reference, out var list) ? list : _referencedBy[reference] = new List<string>()).Add(project.RelativePath);
            }
        }
    }

    /// <summary>
    /// Adds a reference of <paramref name="project"/> once, when it is another project of the graph. A project's
    /// references are few, and a list's search is the cheapest set; past 16 (a traversal project's wildcard matching
    /// thousands) <paramref name="seen"/> is made beside the list.
    /// </summary>
    private void Add(List<string> references, ref HashSet<string>? seen, ProjectInfo project, string reference)
    {
        if (reference == project.RelativePath || !_byPath.ContainsKey(reference))
        {
            return;
        }

        if (seen is null && references.Count >= 16)
        {
            seen = new HashSet<string>(references, StringComparer.Ordinal);
        }

        if (seen is null ? !references.Contains(reference) : seen.Add(reference))
        {
            references.Add(reference);
        }
    }

    public IReadOnlyList<ProjectInfo> Projects { get; }

    public bool Contains(string path) => _byPath.ContainsKey(path);

    /// <summary>The projects <paramref name="path"/> references directly.</summary>
    public IReadOnlyList<string> ReferencesOf(string path) => _references.TryGetValue(path, out var list) ? list : Array.Empty<string>();

    /// <summary>The projects that reference <paramref name="path"/> directly.</summary>
    public IReadOnlyList<string> ReferencedBy(string path) => _referencedBy.TryGetValue(path, out var list) ? list : Array.Empty<string>();

    /// <summary>
    /// The reference edges leading to <paramref name="from"/>, transitively, breadth first: each (a project, one that
    /// references it). Every edge is given once, and each project's own edges come after it was reached.
    /// </summary>
    public IEnumerable<(string Referenced, string Dependent)> DependentEdges(IEnumerable<string> from)
    {
        var seen = from.ToHashSet(StringComparer.Ordinal);
        var queue = new Queue<string>(seen.Order(StringComparer.Ordinal));
        while (queue.Count > 0)
        {
            var project = queue.Dequeue();
            foreach (var dependent in ReferencedBy(project))
            {
                yield return (project, dependent);
                if (seen.Add(dependent))
                {
                    queue.Enqueue(dependent);
                }
            }
        }
    }

    /// <summary>
    /// Projects (not in <paramref name="from"/>) that <paramref name="from"/> reference, transitively, each with a project
    /// that references it; in ordinal order of their paths.
    /// </summary>
    public IReadOnlyList<ProjectDependency> Dependencies(IEnumerable<string> from)
    {
        var start = from.ToHashSet(StringComparer.Ordinal);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = new Stack<string>(start);
        while (pending.Count > 0)
        {
            var project = pending.Pop();
            foreach (var reference in ReferencesOf(project))
            {
                if (!start.Contains(reference) && found.TryAdd(reference, project))
                {
                    pending.Push(reference);
                }
            }
        }

        var paths = Framework.OrdinalKeys.Of(found);
        var dependencies = new ProjectDependency[paths.Length];
        for (var i = 0; i < paths.Length; i++)
        {
            dependencies[i] = new ProjectDependency(paths[i], found[paths[i]]);
        }

        return dependencies;
    }
}

/// <summary>A project another needs, and one project that references it.</summary>
public sealed record ProjectDependency(string Project, string ReferencedBy);
