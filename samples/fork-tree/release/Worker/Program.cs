// release: core (the Core project, Newtonsoft.Json, implicit usings), infra (Serilog), hosting (the generic host).
using Serilog;
using Serilog.Core;
using Serilog.Events;

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders();
builder.Services.AddSingleton<Serilog.ILogger>(new LoggerConfiguration().WriteTo.Sink(new ConsoleLine()).CreateLogger());
builder.Services.AddHostedService<Fulfilment>();
await builder.Build().RunAsync();

/// <summary>Fulfils the orders waiting in the queue, then stops the host (the sample's queue holds one order).</summary>
internal sealed class Fulfilment(Serilog.ILogger log, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var order in new[] { new Core.Order("R-1", 99m) })
        {
            log.Information("release worker: fulfilled {Order:l}", order.ToJson());
        }

        lifetime.StopApplication();
        return Task.CompletedTask;
    }
}

/// <summary>Serilog's core package has no console sink; one line per event is all the sample needs.</summary>
internal sealed class ConsoleLine : ILogEventSink
{
    public void Emit(LogEvent logEvent) => Console.WriteLine(logEvent.RenderMessage());
}
