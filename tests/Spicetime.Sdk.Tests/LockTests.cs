using Spicetime.Tree.Locking;

namespace Spicetime.Sdk.Tests;

/// <summary>
/// tree.lock.json in real builds: a manual fork restores what the lock recorded until it syncs, while a live fork
/// follows upstream; -p:SpicetimeLockedMode=true fails a build whose node drifted, with SPT0600 naming the entry.
/// </summary>
[Parallelizable(ParallelScope.Children)]
public class LockTests
{
    private static ConsumerRepo ManualFeatureB(string name)
    {
        var repo = ForkTree.Create(name);
        repo.Write("tree.json", ForkTree.TreeJson.Replace(
            "{ \"branch\": \"feature-B\", \"path\": \"forks/feature-b\",",
            "{ \"branch\": \"feature-B\", \"path\": \"forks/feature-b\", \"updates\": \"manual\",", StringComparison.Ordinal));
        Assert.That(repo.Read("tree.json"), Does.Contain("\"updates\": \"manual\""));
        Assert.That(TreeLockSync.Run(repo.PathOf("tree.json"), Array.Empty<string>(), check: false).Succeeded, Is.True);
        return repo;
    }

    private static void RaiseSerilog(ConsumerRepo repo) =>
        repo.Write("tree.json", repo.Read("tree.json").Replace("\"Serilog\": \"4.0.0\"", "\"Serilog\": \"4.1.0\"", StringComparison.Ordinal));

    [Test]
    public void A_manual_fork_restores_what_the_lock_recorded_until_it_syncs_and_a_live_fork_follows_upstream()
    {
        var repo = ManualFeatureB("lock-manual");
        RaiseSerilog(repo);
        repo.Dotnet("build", ForkTree.Api).ShouldSucceed();
        repo.Dotnet("build", ForkTree.Web).ShouldSucceed();
        Assert.That(repo.RestoredPackages(ForkTree.Api)["Serilog"], Is.EqualTo("4.0.0"), "feature-B waits for its sync");
        Assert.That(repo.RestoredPackages(ForkTree.Web)["Serilog"], Is.EqualTo("4.1.0"), "feature-A follows release live");

        Assert.That(TreeLockSync.Run(repo.PathOf("tree.json"), new[] { "feature-B" }, check: false).Written, Is.True);
        repo.Dotnet("build", ForkTree.Api).ShouldSucceed();
        Assert.That(repo.RestoredPackages(ForkTree.Api)["Serilog"], Is.EqualTo("4.1.0"), "the new lock is an input: the next build takes it");
    }

    [Test]
    public void Locked_mode_fails_a_build_whose_node_drifted_with_the_entry_and_passes_once_synced()
    {
        var repo = ManualFeatureB("lock-locked");
        repo.Dotnet("build", ForkTree.Web, "-p:SpicetimeLockedMode=true").ShouldSucceed();
        RaiseSerilog(repo);

        var build = repo.Dotnet("build", ForkTree.Web, "-p:SpicetimeLockedMode=true");
        Assert.That(build.ExitCode, Is.Not.EqualTo(0), build.ToString());
        Assert.That(build.Output, Does.Contain("error SPT0600: tree.lock.json is out of date: feature-A: packages/Serilog 4.0.0 (release/infra) → 4.1.0 (release/infra), changed by release"));
        Assert.That(build.Output, Does.Not.Contain("release: packages/Serilog"), "a build reports its own node's drift");
        repo.Dotnet("build", ForkTree.Web).ShouldSucceed(); // without the guard, the build goes on

        TreeLockSync.Run(repo.PathOf("tree.json"), Array.Empty<string>(), check: false);
        repo.Dotnet("build", ForkTree.Web, "-p:SpicetimeLockedMode=true").ShouldSucceed();
    }
}
