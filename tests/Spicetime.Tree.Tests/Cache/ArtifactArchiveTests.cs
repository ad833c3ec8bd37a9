using System.Formats.Tar;
using System.Text;
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

    [Test]
    public void An_artifact_holds_nothing_of_the_process_or_the_time_that_packed_it()
    {
        // Two builds (MSBuild nodes, CI runners) that compiled the same outputs must store the same bytes: a tar of one
        // 512-byte header a file (and a ././@LongLink entry for a name over 100 characters), its content, the end blocks.
        var longName = string.Join('/', Enumerable.Repeat("folder", 20)) + "/App.dll";
        var files = new[] { ("App.dll", Write("one/App.dll", "assembly")), (longName, Write("one/long.dll", "long")) };
        var tar = Decompress(ArtifactArchive.Pack(files));
        var text = Encoding.ASCII.GetString(tar);
        Assert.That(text.Contains("PaxHeaders", StringComparison.Ordinal) || text.Contains($"{Environment.ProcessId}/", StringComparison.Ordinal), Is.False,
            "a pax extended header named after the process");
        var longLink = 512 + Round(longName.Length + 1);
        Assert.That(tar.Length, Is.GreaterThanOrEqualTo((512 + Round(8)) + longLink + (512 + Round(4)) + 1024));
        Assert.That(tar.Length, Is.LessThanOrEqualTo((512 + Round(8)) + longLink + (512 + Round(4)) + 10240), "nothing but headers, contents and the end");

        Thread.Sleep(1100);
        File.SetLastWriteTimeUtc(files[0].Item2, DateTime.UtcNow.AddDays(-1));
        Assert.That(Decompress(ArtifactArchive.Pack(files)), Is.EqualTo(tar), "another second, other file times");
        Assert.That(ArtifactArchive.List(ArtifactArchive.Pack(files), 1 << 20, out _)!.Select(e => e.Name), Is.EqualTo(new[] { "App.dll", longName }));
    }

    [Test]
    public void Any_damage_to_an_artifact_is_refused_and_nothing_is_written()
    {
        // A cache without a signature key has only the artifact to check itself by: zstd's frame checksum, read to the
        // end of the frame (a tar reader stops before it). Every flipped bit and every cut is refused.
        var content = string.Join("\n", Enumerable.Range(0, 2000).Select(i => $"line {i} {i * 7919 % 1000}"));
        var artifact = ArtifactArchive.Pack(new[] { ("App.dll", Write("damage/App.dll", content)) });
        var destination = Path.Combine(_root, "restored");
        var unpacked = 0;
        for (var i = 0; i < artifact.Length; i++)
        {
            var flipped = (byte[])artifact.Clone();
            flipped[i] ^= 0x20;
            if (ArtifactArchive.Unpack(flipped, destination, 1 << 22, out _))
            {
                // A bit the content does not depend on (the frame header's window size): what it unpacks is right.
                Assert.That(File.ReadAllText(Path.Combine(destination, "App.dll")), Is.EqualTo(content), $"a bit flipped at {i} of {artifact.Length}");
                Directory.Delete(destination, recursive: true);
                unpacked++;
            }

            Assert.That(ArtifactArchive.Unpack(artifact[..i], destination, 1 << 22, out _), Is.False, $"cut at {i} of {artifact.Length}");
            Assert.That(Directory.Exists(destination), Is.False, "a refused artifact writes nothing");
        }

        Assert.That(unpacked, Is.LessThan(8), "only header bits that change nothing");
        Assert.That(ArtifactArchive.Unpack(artifact, destination, 1 << 22, out var problem), Is.True, problem);
        Assert.That(File.ReadAllText(Path.Combine(destination, "App.dll")), Is.EqualTo(content));
    }

    private static int Round(int size) => (size + 511) / 512 * 512;

    private static byte[] Decompress(byte[] artifact)
    {
        using var zstd = new ZstdSharp.DecompressionStream(new MemoryStream(artifact));
        using var tar = new MemoryStream();
        zstd.CopyTo(tar);
        return tar.ToArray();
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
