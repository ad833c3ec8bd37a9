using Spicetime.Tree.Mapping;
using Spicetime.Tree.Build;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Git;

namespace Spicetime.Tree.Tests.Build;

/// <summary>tree.json parsed once per cache and content.</summary>
public class TreeCacheTests : BuildFolderTests
{
    [Test]
    public void The_tree_cache_parses_once_per_content()
    {
        var path = Write("tree.json", """{"root": {"branch": "cache-test-1"}}""");
        var cache = new TreeCache();
        var first = cache.Load(path, out var parsedFirst);
        var second = cache.Load(path, out var parsedSecond);
        Assert.That(parsedFirst, Is.True);
        Assert.That(parsedSecond, Is.False);
        Assert.That(second, Is.SameAs(first));
        File.WriteAllText(path, """{"root": {"branch": "cache-test-2"}}""");
        var third = cache.Load(path, out var parsedThird);
        Assert.That(parsedThird, Is.True);
        Assert.That(third.Tree!.Root.Branch, Is.EqualTo("cache-test-2"));
        Assert.That(cache.Misses, Is.EqualTo(2));
    }
}
