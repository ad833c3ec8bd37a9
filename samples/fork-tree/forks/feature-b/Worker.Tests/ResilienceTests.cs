using System;
using System.Threading.Tasks;
using Backend;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Polly;

namespace Worker.Tests;

[TestClass]
public sealed class ResilienceTests
{
    [TestMethod]
    public async Task A_flaky_gateway_settles_within_the_retries()
    {
        var gateway = new FlakyGateway(failuresBeforeSuccess: 2);
        var receipt = await Resilience.Retrying(maxRetries: 3).ExecuteAsync(gateway.SettleAsync, "T-1");
        Assert.AreEqual("T-1-settled", receipt);
        Assert.AreEqual(3, gateway.Attempts);
    }

    [TestMethod]
    public async Task A_gateway_down_for_longer_than_the_retries_fails()
    {
        var gateway = new FlakyGateway(failuresBeforeSuccess: 5);
        await Assert.ThrowsExactlyAsync<TimeoutException>(async () => await Resilience.Retrying(maxRetries: 3).ExecuteAsync(gateway.SettleAsync, "T-2"));
        Assert.AreEqual(4, gateway.Attempts);
    }

    [TestMethod]
    public void The_pipeline_is_Pollys()
    {
        ResiliencePipeline pipeline = Resilience.Retrying(maxRetries: 1);
        Assert.IsNotNull(pipeline);
    }
}
