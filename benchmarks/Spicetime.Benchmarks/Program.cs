using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

// Two jobs: the runtime's default GC (concurrent, as inside MSBuild) and non-concurrent GC (as the spicetime CLI runs).
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithGcConcurrent(true).WithId("concurrent-gc"))
    .AddJob(Job.ShortRun.WithGcConcurrent(false).WithId("non-concurrent-gc"));
BenchmarkSwitcher.FromAssembly(typeof(Spicetime.Benchmarks.ResolverBenchmarks).Assembly).Run(args, config);
