// feature-B: inherits only infra (Serilog), owns backend (Polly). No core: no Newtonsoft.Json, no implicit usings.
using System;
using Polly;

var pipeline = new ResiliencePipelineBuilder().AddRetry(new Polly.Retry.RetryStrategyOptions()).Build();
Serilog.Log.Logger = new Serilog.LoggerConfiguration().CreateLogger();
Console.WriteLine($"feature-B api: Polly pipeline {pipeline.GetType().Name}");
