using System;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace Backend;

/// <summary>feature-B's resilience: Polly comes from its scope backend.</summary>
public static class Resilience
{
    /// <summary>Retries any exception up to <paramref name="maxRetries"/> times, without delay (the sample's gateway is local).</summary>
    public static ResiliencePipeline Retrying(int maxRetries) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = maxRetries, Delay = TimeSpan.Zero })
            .Build();
}

/// <summary>A payment gateway that fails a given number of times before it settles.</summary>
public sealed class FlakyGateway(int failuresBeforeSuccess)
{
    public int Attempts { get; private set; }

    public ValueTask<string> SettleAsync(string payment, CancellationToken cancellationToken)
    {
        Attempts++;
        if (Attempts <= failuresBeforeSuccess)
        {
            throw new TimeoutException($"gateway timed out settling {payment} (attempt {Attempts})");
        }

        return ValueTask.FromResult($"{payment}-settled");
    }
}
