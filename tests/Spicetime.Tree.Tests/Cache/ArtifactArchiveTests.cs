using System.Formats.Tar;
using Spicetime.Tree.Cache;

namespace Spicetime.Tree.Tests.Cache;

public class ArtifactArchiveTests : BuildFolderTests
{
    [Test]
    public void Files_round_trip_and_the_same_files_give_the_same_bytes()
    {
        var a = Write("out/bin/App.dll", "assembly");
        var b = Write("out/obj/App.pdb", "symbols");
        var first = ArtifactArchive.Pack(new[] { ("bin/App.dll", a), ("obj/App.pdb", b) });
        File.SetLastWriteTimeUtc(a, DateTime.UtcNow.AddDays(-3));
        var second = ArtifactArchive.Pack(new[] { ("obj/App.pdb", b), ("bin/App.dll", a) });
        Assert.That(second, Is.EqualTo(first), "order and time stamps do not change the artifact");

        Assert.That(ArtifactArchive.Unpack(first, Path.Combine(_root, "restored"), 1 << 20, out var problem), Is.True, problem);
        Assert.That(File.ReadAllText(Path.Combine(_root, "restored", "bin", "App.dll")), Is.EqualTo("assembly"));
        Assert.That(File.ReadAllText(Path.Combine(_root, "restored", "obj", "App.pdb")), Is.EqualTo("symbols"));
        Assert.That(ArtifactArchive.List(first, 1 << 20, out _)!.Select(e => e.Name), Is.EqualTo(new[] { "bin/App.dll", "obj/App.pdb" }));
    }

    [TestCase("../escape.txt")]
    [TestCase("bin/../../escape.txt")]
    [TestCase("/etc/escape.txt")]
    public void An_entry_leaving_the_destination_is_refused_and_nothing_is_written(string name)
    {
        var artifact = Raw(w =>
        {
            w.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "bin/fine.txt") { DataStream = new MemoryStream("ok"u8.ToArray()) });
            w.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream("bad"u8.ToArray()) });
        });

        Assert.That(ArtifactArchive.Unpack(artifact, Path.Combine(_root, "restored"), 1 << 20, out var problem), Is.False);
        Assert.That(problem, Does.Contain("leaves the project's folders"));
        Assert.That(Directory.Exists(Path.Combine(_root, "restored")), Is.False, "checked before anything is written");
    }

    [Test]
    public void Links_oversized_and_garbage_artifacts_are_refused()
    {
        var link = Raw(w => w.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "bin/link") { LinkName = "/etc/passwd" }));
        Assert.That(ArtifactArchive.Unpack(link, _root, 1 << 20, out var problem), Is.False);
        Assert.That(problem, Does.Contain("SymbolicLink"));

        var big = ArtifactArchive.Pack(new[] { ("bin/big.bin", Write("big.bin", new string('x', 5000))) });
        Assert.That(ArtifactArchive.Unpack(big, Path.Combine(_root, "r"), 4000, out problem), Is.False);
        Assert.That(problem, Does.Contain("more than 4000 bytes"));

        Assert.That(ArtifactArchive.Unpack("not an artifact"u8.ToArray(), Path.Combine(_root, "r"), 1 << 20, out problem), Is.False);
        Assert.That(problem, Does.Contain("not a valid artifact"));
    }

    private static byte[] Raw(Action<TarWriter> write)
    {
        using var output = new MemoryStream();
        using (var zstd = new ZstdSharp.CompressionStream(output))
        using (var tar = new TarWriter(zstd, TarEntryFormat.Pax, leaveOpen: true))
        {
            write(tar);
        }

        return output.ToArray();
    }
}
