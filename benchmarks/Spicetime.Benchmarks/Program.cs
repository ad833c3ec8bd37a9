using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

// `generate-repo DIR FORKS PROJECTS_PER_FORK [spicetime]`: writes a synthetic fork repository with git history
// (benchmarks/affected/run.sh and benchmarks/selective-build/run.sh use it).
if (args.Length >= 4 && args[0] == "generate-repo")
{
    Spicetime.Benchmarks.SyntheticForkRepository.Write(args[1], int.Parse(args[2]), int.Parse(args[3]), args.Length > 4 && args[4] == "spicetime");
    return 0;
}

// `page-timing PAGE [RUNS]`: opens a graph page in headless Chromium RUNS times and prints how long it takes to be
// interactive (benchmarks/graph-page/run.sh).
if (args.Length >= 2 && args[0] == "page-timing")
{
    return await Spicetime.Benchmarks.PageTiming.RunAsync(args[1], args.Length > 2 ? int.Parse(args[2]) : 3);
}

// `resolve-speed NODES [REPETITIONS=25]`: in one process, the median of REPETITIONS runs of ResolveAll and of
// LoadAndResolve on a synthetic tree, after a warm-up (benchmarks/ab/run.sh alternates two builds of it).
if (args.Length >= 2 && args[0] == "resolve-speed")
{
    var repetitions = args.Length > 2 ? int.Parse(args[2]) : 25;
    var bench = new Spicetime.Benchmarks.ResolverBenchmarks { Nodes = int.Parse(args[1]) };
    bench.Setup();
    double Median(Func<object> run)
    {
        run();
        run();
        var times = new List<double>();
        for (var i = 0; i < repetitions; i++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            GC.KeepAlive(run());
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    Console.WriteLine($"ResolveAll {Median(bench.ResolveAll):F1} LoadAndResolve {Median(bench.LoadAndResolve):F1}");
    return 0;
}

// `shard-balance [SETS=200] [SEED=1]`: ShardPlanner's longest shard against the ideal split on generated weight sets
// (docs/benchmarks.md, "CI shards").
if (args.Length >= 1 && args[0] == "shard-balance")
{
    return Spicetime.Benchmarks.ShardBalance.Run(args.Length > 1 ? int.Parse(args[1]) : 200, args.Length > 2 ? int.Parse(args[2]) : 1);
}

// Two jobs: the runtime's default GC (concurrent, as inside MSBuild) and non-concurrent GC (as the spicetime CLI runs).
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithGcConcurrent(true).WithId("concurrent-gc"))
    .AddJob(Job.ShortRun.WithGcConcurrent(false).WithId("non-concurrent-gc"));
BenchmarkSwitcher.FromAssembly(typeof(Spicetime.Benchmarks.ResolverBenchmarks).Assembly).Run(args, config);
return 0;
