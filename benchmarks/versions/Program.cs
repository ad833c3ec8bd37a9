using System.Diagnostics;
using System.Globalization;
using System.Text;
using Nerdbank.GitVersioning;
using Spicetime.Tree;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Versioning;

// Versions for every project of a fork tree: Spicetime (NodeVersions, as GenerateSpicetimeProps calls it once per
// project) against Nerdbank.GitVersioning 3.10.94 (GitContext + VersionOracle, as its GetBuildVersion task does once per
// project), each in a fresh process as a build is, on the same history.
//
//   make DIR COMMITS [FORKS] [PROJECTS_PER_FORK]   a repository: tree.json, a version.json per fork, projects, COMMITS commits
//   spicetime DIR | nbgv DIR                       one build's worth of versions, prints "milliseconds version-of-first-project"
//   walk DIR                                       the history walk alone, three times in one process
//   compare DIR RUNS                               alternates NBGV and Spicetime (no cache, one new commit, same HEAD)
//                                                  RUNS times, each in a fresh process; medians and ratios
return args switch
{
    ["make", var dir, var commits, ..] => Make(dir, int.Parse(commits, CultureInfo.InvariantCulture), args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10, args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 10),
    ["spicetime", var dir] => Time(dir, SpicetimeVersions),
    ["nbgv", var dir] => Time(dir, NbgvVersions),
    ["compare", var dir, var runs] => Compare(dir, int.Parse(runs, CultureInfo.InvariantCulture)),
    ["walk", var dir] => Walk(dir),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: make DIR COMMITS [FORKS] [PROJECTS] | spicetime DIR | nbgv DIR | compare DIR RUNS");
    return 2;
}

static IEnumerable<(string Fork, string Project)> Projects(string dir) =>
    Directory.EnumerateDirectories(Path.Combine(dir, "forks")).OrderBy(d => d, StringComparer.Ordinal)
        .SelectMany(fork => Directory.EnumerateDirectories(fork).OrderBy(d => d, StringComparer.Ordinal).Select(p => (Path.GetFileName(fork), p)));

// What Spicetime does in a build: each project's task asks for its node's version; the tree is loaded once per process
// (TreeCache, untimed: the task loads it for the node's packages and properties whether or not it versions) and git is
// read once per process for every fork.
static string SpicetimeVersions(string dir)
{
    var tree = new Spicetime.Tree.Build.TreeCache().Load(Path.Combine(dir, "tree.json")).Tree!;
    var projects = Projects(dir).ToList();
    var build = new Spicetime.Tree.Build.BuildContext(); // one build, as the tasks find theirs (its caches: the MSBuild node's)
    Watch.Restart();
    string first = string.Empty;
    foreach (var (fork, _) in projects)
    {
        var version = build.Version(tree, tree.Find(fork)!, null, null, new DiagnosticBag("tree.json"))
            ?? throw new InvalidOperationException("no version");
        first = first.Length == 0 ? version.Text : first;
    }

    return first;
}

// What NBGV's GetBuildVersion task does for each project: open the repository at the project, compute the version.
static string NbgvVersions(string dir)
{
    var projects = Projects(dir).ToList();
    Watch.Restart();
    string first = string.Empty;
    foreach (var (_, project) in projects)
    {
        using var context = GitContext.Create(project, engine: GitContext.Engine.ReadOnly);
        var oracle = new VersionOracle(context);
        first = first.Length == 0 ? oracle.SemVer2 : first;
    }

    return first;
}

// The history walk alone, three times in one process: the first includes JIT, the others are the walk's own cost.
static int Walk(string dir)
{
    var tree = TreeFile.Load(Path.Combine(dir, "tree.json")).Tree!;
    var forks = tree.Manifest.Nodes.Where(ForkVersions.NeedsBuildNumber).ToList();
    for (var i = 0; i < 3; i++)
    {
        var watch = Stopwatch.StartNew();
        using var repository = Spicetime.Tree.Git.GitRepository.Open(dir)!;
        var result = GitHeight.Compute(repository, repository.Head()!, "tree.json", forks);
        Console.WriteLine($"walk {i + 1}: {watch.Elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture)} ms, {result.CommitsRead} commits read, f0 height {result.Heights["f0"]}");
    }

    return 0;
}

static int Time(string dir, Func<string, string> versions)
{
    var first = versions(dir);
    Console.WriteLine($"{Watch.Elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture)} {first}");
    return 0;
}

static int Compare(string dir, int runs)
{
    var self = Environment.ProcessPath!;
    var dll = typeof(NodeVersions).Assembly.Location.Replace("Spicetime.Tree.dll", "Spicetime.Benchmarks.Versions.dll", StringComparison.Ordinal);
    var scenarios = new[] { "nbgv", "spicetime, no cache (first build on this clone)", "spicetime, one new commit since the last build", "spicetime, same HEAD as the last build" };
    var samples = scenarios.ToDictionary(s => s, _ => new List<double>());
    var versions = new Dictionary<string, string>();
    double Once(string tool)
    {
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(dll);
        }

        start.ArgumentList.Add(tool);
        start.ArgumentList.Add(dir);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Trim().Split(' ');
        process.WaitForExit();
        versions[tool] = output[1];
        return double.Parse(output[0], CultureInfo.InvariantCulture);
    }

    void Spicetime()
    {
        var cache = Path.Combine(dir, ".git", "spicetime");
        if (Directory.Exists(cache))
        {
            Directory.Delete(cache, true);
        }

        samples[scenarios[1]].Add(Once("spicetime"));
        // A commit as work makes one: a file of a project edited (its tree and the root tree new, tree.json as it was).
        File.AppendAllText(Path.Combine(dir, "forks", "f0", "P0", "Code.cs"), "// one more\n");
        Run(dir, "git", "-c", "user.name=bench", "-c", "user.email=bench@spicetime.test", "commit", "-q", "-a", "-m", "one more");
        samples[scenarios[2]].Add(Once("spicetime"));
        samples[scenarios[3]].Add(Once("spicetime"));
    }

    for (var run = 0; run < runs; run++)
    {
        if (run % 2 == 0)
        {
            samples[scenarios[0]].Add(Once("nbgv"));
            Spicetime();
        }
        else
        {
            Spicetime();
            samples[scenarios[0]].Add(Once("nbgv"));
        }
    }

    static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    var commits = int.Parse(Capture(dir, "git", "rev-list", "--count", "HEAD").Trim(), CultureInfo.InvariantCulture);
    var nbgv = Median(samples[scenarios[0]]);
    Console.WriteLine($"{Projects(dir).Count()} projects, {commits} commits, {runs} runs, alternating, a fresh process per run; time to compute every project's version");
    Console.WriteLine($"  NBGV 3.10.94 ({versions["nbgv"]})  median {nbgv.ToString("F1", CultureInfo.InvariantCulture)} ms");
    foreach (var scenario in scenarios.Skip(1))
    {
        var median = Median(samples[scenario]);
        Console.WriteLine($"  {scenario} ({versions["spicetime"]})  median {median.ToString("F1", CultureInfo.InvariantCulture)} ms  ratio to NBGV {(median / nbgv).ToString("F4", CultureInfo.InvariantCulture)}");
    }

    return 0;
}

static string Capture(string dir, string file, params string[] args)
{
    var start = new ProcessStartInfo(file) { WorkingDirectory = dir, RedirectStandardOutput = true, UseShellExecute = false };
    foreach (var arg in args)
    {
        start.ArgumentList.Add(arg);
    }

    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    return output;
}

// A repository made with one `git fast-import`: the first commit adds tree.json (root 1.4.0, FORKS forks without a
// version of their own), a version.json per fork for NBGV ("1.4.0-fN.{height}"), and the projects; each later commit
// edits one project's source, round robin over forks and projects.
static int Make(string dir, int commits, int forks, int projectsPerFork)
{
    Directory.CreateDirectory(dir);
    Run(dir, "git", "init", "-q", "-b", "main");
    var stream = new StringBuilder();
    void Blob(string path, string content)
    {
        var bytes = Encoding.UTF8.GetByteCount(content);
        stream.Append(CultureInfo.InvariantCulture, $"M 100644 inline {path}\ndata {bytes}\n{content}\n");
    }

    var tree = new StringBuilder("{\"root\": {\"branch\": \"main\", \"version\": \"1.4.0\", \"children\": [\n");
    tree.AppendJoin(",\n", Enumerable.Range(0, forks).Select(f => $"  {{\"branch\": \"f{f}\", \"path\": \"forks/f{f}\"}}"));
    tree.Append("]}}\n");
    for (var i = 0; i < commits; i++)
    {
        var time = 1_700_000_000 + (i * 60);
        var message = i == 0 ? "the tree" : $"work {i}";
        stream.Append(CultureInfo.InvariantCulture, $"commit refs/heads/main\ncommitter bench <bench@spicetime.test> {time} +0000\ndata {message.Length}\n{message}\n");
        if (i == 0)
        {
            Blob("tree.json", tree.ToString());
            for (var f = 0; f < forks; f++)
            {
                Blob($"forks/f{f}/version.json", $"{{\"version\": \"1.4.0-f{f}.{{height}}\"}}\n");
                for (var p = 0; p < projectsPerFork; p++)
                {
                    Blob($"forks/f{f}/P{p}/P{p}.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
                    Blob($"forks/f{f}/P{p}/Code.cs", "// 0\n");
                }
            }
        }
        else
        {
            Blob($"forks/f{i % forks}/P{i / forks % projectsPerFork}/Code.cs", $"// {i}\n");
        }

        stream.Append('\n');
    }

    Run(dir, "git", "fast-import", "--quiet", stream.ToString());
    Run(dir, "git", "reset", "-q", "--hard", "main");
    Run(dir, "git", "gc", "-q");
    Console.WriteLine($"{dir}: {commits} commits, {forks} forks, {forks * projectsPerFork} projects");
    return 0;
}

static void Run(string dir, string file, params string[] args)
{
    var input = file == "git" && args[0] == "fast-import" ? args[^1] : null;
    var start = new ProcessStartInfo(file) { WorkingDirectory = dir, RedirectStandardInput = input is not null, UseShellExecute = false };
    foreach (var arg in input is null ? args : args[..^1])
    {
        start.ArgumentList.Add(arg);
    }

    using var process = Process.Start(start)!;
    if (input is not null)
    {
        process.StandardInput.Write(input);
        process.StandardInput.Close();
    }

    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{file} {string.Join(' ', args.Take(3))} failed");
    }
}

internal static partial class Program
{
    /// <summary>Started by each tool where its versioning work starts.</summary>
    internal static readonly Stopwatch Watch = new();
}
