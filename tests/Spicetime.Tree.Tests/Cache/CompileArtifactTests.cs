using Spicetime.Tree.Cache;
using Spicetime.Tree.Cache.Keys;

namespace Spicetime.Tree.Tests.Cache;

/// <summary>A project's compile outputs as an artifact: what it can hold, what it gives back, and the marker of whose outputs are there.</summary>
public class CompileArtifactTests : BuildFolderTests
{
    [Test]
    public void Outputs_round_trip_through_an_artifact_newer_than_before_and_a_marker_vouches_for_them()
    {
        var obj = Path.Combine(_root, "obj");
        var dll = Write("obj/Lib.dll", "assembly");
        var refint = Write("obj/refint/Lib.dll", "reference");
        var artifact = CompileArtifact.For(obj, new[] { dll, refint, "" }, out var reason)!;
        Assert.That(reason, Is.Null);
        Assert.That(artifact.Files.Select(f => f.Name), Is.EqualTo(new[] { "Lib.dll", "refint/Lib.dll" }));
        var packed = artifact.Pack();

        Assert.That(CacheMarker.Holds(artifact, "k1"), Is.False, "no marker yet");
        CacheMarker.Write(artifact, "k1");
        Assert.That(CacheMarker.Holds(artifact, "k1"), Is.True);
        Assert.That(CacheMarker.Holds(artifact, "k2"), Is.False, "another key");

        File.Delete(refint);
        Assert.That(CacheMarker.Holds(artifact, "k1"), Is.False, "an output is gone");
        File.WriteAllText(dll, "something else");
        File.SetLastWriteTimeUtc(dll, DateTime.UtcNow.AddMinutes(-10));
        Assert.That(artifact.Restore(packed, out var problem), Is.True, problem);
        Assert.That(File.ReadAllText(dll), Is.EqualTo("assembly"));
        Assert.That(File.ReadAllText(refint), Is.EqualTo("reference"));
        Assert.That(File.GetLastWriteTimeUtc(dll), Is.GreaterThan(DateTime.UtcNow.AddMinutes(-1)), "newer than every input");

        File.WriteAllText(dll, "compiled again");
        File.SetLastWriteTimeUtc(dll, DateTime.UtcNow.AddMinutes(5));
        Assert.That(CacheMarker.Holds(artifact, "k1"), Is.False, "an output newer than the marker was written by something else");
    }

    [Test]
    public void A_marker_vouches_for_outputs_stamped_by_a_finer_clock_than_the_file_systems()
    {
        // A restore stamps the outputs with DateTime.UtcNow; a file system stamps the marker written right after from its
        // own clock, which can read earlier (Linux's coarse clock, a tick behind). Outputs stamped ahead of the clock stand
        // for that: the marker must still vouch for them, or the next build restores the same outputs again.
        var obj = Path.Combine(_root, "obj");
        var outputs = new[] { Write("obj/Lib.dll", "assembly"), Write("obj/refint/Lib.dll", "reference") };
        var artifact = CompileArtifact.For(obj, outputs, out _)!;
        foreach (var output in outputs)
        {
            File.SetLastWriteTimeUtc(output, DateTime.UtcNow.AddSeconds(2));
        }

        CacheMarker.Write(artifact, "k1");
        Assert.That(CacheMarker.Holds(artifact, "k1"), Is.True, "a new marker");

        foreach (var output in outputs)
        {
            File.SetLastWriteTimeUtc(output, DateTime.UtcNow.AddSeconds(4));
        }

        CacheMarker.Write(artifact, "k1");
        Assert.That(CacheMarker.Holds(artifact, "k1"), Is.True, "a marker that already held the key");
    }

    [Test]
    public void An_artifact_for_other_outputs_is_refused_and_nothing_is_written()
    {
        var obj = Path.Combine(_root, "obj");
        var other = CompileArtifact.For(obj, new[] { Write("obj/Other.dll", "x") }, out _)!;
        var packed = other.Pack();
        var dll = Write("obj/Lib.dll", "mine");
        var artifact = CompileArtifact.For(obj, new[] { dll }, out _)!;
        Assert.That(artifact.Restore(packed, out var problem), Is.False);
        Assert.That(problem, Does.Contain("Other.dll").And.Contain("Lib.dll"));
        Assert.That(File.ReadAllText(dll), Is.EqualTo("mine"));
        Assert.That(artifact.Restore(new byte[] { 1, 2, 3 }, out problem), Is.False, "garbage");
    }

    [Test]
    public void Outputs_outside_the_intermediate_folder_or_none_cannot_be_cached()
    {
        Assert.That(CompileArtifact.For(Path.Combine(_root, "obj"), new[] { Path.Combine(_root, "bin", "Lib.dll") }, out var reason), Is.Null);
        Assert.That(reason, Does.Contain("outside its intermediate folder"));
        Assert.That(CompileArtifact.For(Path.Combine(_root, "obj"), Array.Empty<string>(), out reason), Is.Null);
        Assert.That(reason, Does.Contain("no compiler outputs"));
    }
}
