using Spicetime.Tree.Cache.Status;

namespace Spicetime.Tree.Tests.Cache;

/// <summary>cache status's plumbing: the answers the build writes and the child build the CLI starts.</summary>
public class CacheStatusTests
{
    [Test]
    public void An_answer_round_trips_and_anything_else_is_none()
    {
        var answer = new CacheStatusResult("/r/src/App/App.csproj", "src/App/App.csproj", "net10.0", "waits", "", new[] { "src/Lib/Lib.csproj" }, null, null);
        Assert.That(CacheStatusResult.FromJson(answer.ToJson()), Is.EqualTo(answer).Using<CacheStatusResult>((a, b) =>
            a.ProjectFile == b.ProjectFile && a.Project == b.Project && a.Status == b.Status && a.WaitsOn.SequenceEqual(b.WaitsOn) && a.Reason == b.Reason));
        Assert.That(CacheStatusResult.FromJson("{\"format\":\"other\"}"), Is.Null);
        Assert.That(CacheStatusResult.FromJson("{"), Is.Null);
        Assert.That(CacheStatusResult.FileFor("/tmp/s", "/r/App.csproj", "net10.0"), Is.Not.EqualTo(CacheStatusResult.FileFor("/tmp/s", "/r/App.csproj", "net8.0")),
            "one file per project and framework");
    }

    [Test]
    public void The_child_build_computes_keys_without_building_references_and_asks_no_store_without_a_location()
    {
        var with = CacheStatusRun.Arguments("All.slnx", "/tmp/s", "/cache", "Release");
        Assert.That(with, Is.SupersetOf(new[] { "msbuild", "All.slnx", "-restore", "-t:SpicetimeCacheStatus", "-p:_SpicetimeCacheKeyOnly=true",
            "-p:BuildProjectReferences=false", "-p:_SpicetimeCacheStatusFolder=/tmp/s", "-p:SpicetimeCache=/cache", "-p:Configuration=Release" }));
        Assert.That(with, Has.None.StartWith("-p:_SpicetimeCacheLookup"));
        Assert.That(CacheStatusRun.Arguments("App.csproj", "/tmp/s", null, null), Does.Contain("-p:_SpicetimeCacheLookup=false"));
    }
}
