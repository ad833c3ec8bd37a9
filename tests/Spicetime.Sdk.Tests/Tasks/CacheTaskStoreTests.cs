using Microsoft.Build.Utilities;
using Spicetime.Sdk.Tasks.Cache;
using Spicetime.Sdk.Tests.Tasks;
using Spicetime.Tree.Cache;

// Not under Spicetime.Sdk.Tests: these tests run the tasks in-process and need no packed SDK (SdkPackage's set-up).
namespace Spicetime.CacheTasks.Tests;

/// <summary>
/// The cache tasks in-process, with an engine that keeps task objects as an MSBuild node does: the tasks of one build
/// share one <see cref="CacheClient"/> (disposed when the build ends; the next build in the same node makes its own),
/// settings read but not understood are SPT0900 once a build, and a store that took no artifact is not asked to record
/// the compile's time.
/// </summary>
public class CacheTaskStoreTests
{
    private string _root = null!;

    [SetUp]
    public void CreateFolder() => _root = Directory.CreateTempSubdirectory("spicetime-cache-tasks-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_root, recursive: true);

    /// <summary>StoreInSpicetimeCache after a compile of <paramref name="project"/> (its assembly written just now).</summary>
    private StoreInSpicetimeCache Store(Microsoft.Build.Framework.IBuildEngine engine, string location, string project, string? write = null)
    {
        var intermediate = Path.Combine(_root, "src", project, "obj");
        Directory.CreateDirectory(intermediate);
        var assembly = Path.Combine(intermediate, project + ".dll");
        File.WriteAllText(assembly, "compiled " + project);
        return new StoreInSpicetimeCache
        {
            BuildEngine = engine,
            CacheLocation = location,
            CacheWrite = write,
            ProjectFile = Path.Combine(_root, "src", project, project + ".csproj"),
            TreeDirectory = _root,
            Key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(project))).ToLowerInvariant(),
            IntermediateDirectory = intermediate,
            Outputs = new[] { new TaskItem(assembly) },
            Started = DateTime.UtcNow.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            OutputStamp = "0",
        };
    }

    private static IEnumerable<string> Spt0900(TaskObjectBuildEngine engine) => engine.Warnings.Where(w => w.Code == "SPT0900").Select(w => w.Message!);

    [Test]
    public void The_tasks_of_a_build_share_one_client_that_does_not_ask_an_unreachable_server_twice_and_the_next_build_asks_again()
    {
        using var server = new DroppingServer();
        var node = new TaskObjectBuildEngine();
        Assert.That(Store(node, server.Address.ToString(), "Lib").Execute(), Is.True);
        Thread.Sleep(200);
        var tried = server.Connections;
        Assert.That(tried, Is.GreaterThanOrEqualTo(1)); // (SocketsHttpHandler may retry a request its new connection dropped)
        var client = node.BuildObjects.OfType<CacheClient>().Single();
        Assert.That(Spt0900(node).Single(), Does.StartWith($"{server.Address} is unreachable (").And.Not.Contain("earlier")
            .And.EndWith("; Lib.csproj's outputs are not stored"));

        Assert.That(Store(node, server.Address.ToString(), "App").Execute(), Is.True);
        Thread.Sleep(200);
        Assert.That(server.Connections, Is.EqualTo(tried), "the second project's task did not connect");
        Assert.That(node.BuildObjects.OfType<CacheClient>().Single(), Is.SameAs(client));
        Assert.That(Spt0900(node).Last(), Does.Contain("earlier in this build; not asked again").And.EndWith("; App.csproj's outputs are not stored"));

        // The build ends: MSBuild disposes what was registered for it. The node's next build asks the server again.
        node.EndBuild();
        Assert.Throws<ObjectDisposedException>(() => client.Http.Send(new HttpRequestMessage(HttpMethod.Get, server.Address)));
        var before = server.Connections;
        Assert.That(Store(node, server.Address.ToString(), "App").Execute(), Is.True);
        Thread.Sleep(200);
        Assert.That(server.Connections, Is.GreaterThan(before));
        Assert.That(node.BuildObjects.OfType<CacheClient>().Single(), Is.Not.SameAs(client));
        Assert.That(Spt0900(node).Last(), Does.Not.Contain("earlier"));
    }

    [Test]
    public void A_host_without_task_objects_gives_each_task_a_client_of_its_own()
    {
        using var server = new DroppingServer();
        var engine = new RecordingBuildEngine();
        Assert.That(Store(engine, server.Address.ToString(), "Lib").Execute(), Is.True);
        Assert.That(Store(engine, server.Address.ToString(), "App").Execute(), Is.True);
        Thread.Sleep(200);
        Assert.That(server.Connections, Is.GreaterThanOrEqualTo(2));
        Assert.That(engine.Warnings.Select(w => w.Message), Has.All.Contain("is unreachable (").And.None.Contain("earlier"));
    }

    [Test]
    public void A_write_switch_that_is_neither_true_nor_false_is_SPT0900_once_a_build_and_the_cache_is_only_read()
    {
        var cache = Path.Combine(_root, "cache");
        var node = new TaskObjectBuildEngine();
        Assert.That(Store(node, cache, "Lib", write: "maybe").Execute(), Is.True);
        Assert.That(Store(node, cache, "App", write: "maybe").Execute(), Is.True);
        Assert.That(Spt0900(node), Is.EqualTo(new[] { "SpicetimeCacheWrite='maybe' is neither true nor false; the cache is only read" }));
        Assert.That(node.Messages.Count(m => m.Contains("the cache is read-only; key", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That(Directory.Exists(cache) ? Directory.GetFiles(cache, "*", SearchOption.AllDirectories) : Array.Empty<string>(), Is.Empty);

        node.EndBuild();
        Assert.That(Store(node, cache, "Lib", write: "maybe").Execute(), Is.True);
        Assert.That(Spt0900(node).Count(), Is.EqualTo(2), "each build says it");
    }

    [Test]
    public void A_store_that_took_no_artifact_is_not_asked_to_record_the_compile_s_time()
    {
        using var server = new DroppingServer();
        var node = new TaskObjectBuildEngine();
        Assert.That(Store(node, server.Address.ToString(), "Lib", write: "false").Execute(), Is.True);
        Thread.Sleep(200);
        Assert.That(server.Connections, Is.Zero, "read-only: neither the artifact nor the timings record is sent, and the record is not read");
        Assert.That(node.Warnings, Is.Empty);
        Assert.That(node.Messages, Has.Some.Contains("the cache is read-only; key"));

        // A local folder that stores: the record is written beside the artifact.
        var cache = Path.Combine(_root, "cache");
        Assert.That(Store(node, cache, "Lib").Execute(), Is.True);
        Assert.That(ProjectTimings.Read(new LocalFolderStore(cache, 1L << 30), "src/Lib/Lib.csproj")?.Build, Is.Not.Null);
    }
}
