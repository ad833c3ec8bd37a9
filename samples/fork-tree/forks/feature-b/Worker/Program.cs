// feature-B: inherits infra (Serilog) and hosting (the generic host), owns backend (Polly). No core: no Core project,
// no Newtonsoft.Json, no implicit usings.
using System;
using System.Threading;
using System.Threading.Tasks;
using Backend;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders();
builder.Services.AddSingleton<Serilog.ILogger>(new LoggerConfiguration().WriteTo.Sink(new ConsoleLine()).CreateLogger());
builder.Services.AddHostedService<Settlement>();
await builder.Build().RunAsync();

/// <summary>Settles the payments waiting in the queue through a flaky payment gateway, with retries, then stops.</summary>
internal sealed class Settlement(Serilog.ILogger log, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var gateway = new FlakyGateway(failuresBeforeSuccess: 2);
        var receipt = await Resilience.Retrying(maxRetries: 3).ExecuteAsync(gateway.SettleAsync, "B-1", stoppingToken);
        log.Information("feature-B worker: settled {Receipt:l} after {Attempts} attempts (Polly retry)", receipt, gateway.Attempts);
        lifetime.StopApplication();
    }
}

/// <summary>Serilog's core package has no console sink; one line per event is all the sample needs.</summary>
internal sealed class ConsoleLine : ILogEventSink
{
    public void Emit(LogEvent logEvent) => Console.WriteLine(logEvent.RenderMessage());
}
