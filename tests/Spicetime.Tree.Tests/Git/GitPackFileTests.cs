using System.Text;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Git;
using Spicetime.Tree.Versioning;

namespace Spicetime.Tree.Tests.Git;

/// <summary>
/// The pack reader piece by piece, on packs the real git writes (git repack): the index lookup, whole objects, OFS and
/// REF deltas, and damaged packs, which must end in a <see cref="GitFormatException"/> (and, in a build, SPT0502), never
/// in another exception or a crash.
/// </summary>
public class GitPackFileTests
{
    private const int PackObjectOffsetDelta = 6, PackObjectRefDelta = 7;

    private GitWorkspace _repo = null!;

    [SetUp]
    public void CreateHistory()
    {
        _repo = new GitWorkspace();
        // One file edited a little in each commit: git stores its versions (and the trees) as deltas of each other.
        var lines = Enumerable.Range(0, 300).Select(i => $"line {i}: the same text in every version, long enough to be worth a delta").ToList();
        _repo.Write("tree.json", """{"root": {"branch": "release", "version": "1.4.0", "children": [{"branch": "feature-A"}]}}""");
        for (var commit = 0; commit < 8; commit++)
        {
            lines[commit * 30] = $"line {commit * 30}: edited by commit {commit}";
            _repo.Write("docs/notes.txt", string.Join('\n', lines) + "\n").Write($"src/file{commit}.cs", $"class C{commit} {{ }}\n").Commit($"commit {commit}");
        }
    }

    [TearDown]
    public void Delete() => _repo.Dispose();

    /// <summary>Packs every object into one pack (and removes the loose ones): OFS deltas, or REF deltas.</summary>
    private string Repack(bool offsetDeltas)
    {
        _repo.Git("-c", $"repack.useDeltaBaseOffset={(offsetDeltas ? "true" : "false")}", "repack", "-a", "-d", "-f", "-q", "--depth=50", "--window=50");
        Assert.That(Directory.GetDirectories(Path.Combine(_repo.Root, ".git", "objects")).Where(d => Path.GetFileName(d).Length == 2), Is.Empty.Or.All.Matches<string>(d => Directory.GetFiles(d).Length == 0),
            "every object is in the pack");
        return Directory.GetFiles(Path.Combine(_repo.Root, ".git", "objects", "pack"), "*.idx").Single();
    }

    private string ObjectsFolder => Path.Combine(_repo.Root, ".git", "objects");

    /// <summary>Every object git has: id, type, size.</summary>
    private IReadOnlyList<(string Id, string Type, int Size)> GitObjects() =>
        _repo.Git("cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype) %(objectsize)")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' '))
            .Select(p => (p[0], p[1], int.Parse(p[2])))
            .ToList();

    /// <summary>git verify-pack's entries: id, offset in the pack, and whether it is stored as a delta.</summary>
    private IReadOnlyList<(string Id, long Offset, bool Delta)> PackEntries(string index) =>
        _repo.Git("verify-pack", "-v", index).Split('\n')
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length >= 5 && p[0].Length == 40 && p[1] is "commit" or "tree" or "blob" or "tag")
            .Select(p => (p[0], long.Parse(p[4]), p.Length >= 7))
            .ToList();

    private static int StoredType(byte[] pack, long offset) => (pack[offset] >> 4) & 7;

    private void AssertEveryObjectReadsAsGitHasIt()
    {
        using var database = new GitObjectDatabase(ObjectsFolder);
        var objects = GitObjects();
        Assert.That(objects, Has.Count.GreaterThan(20));
        foreach (var (id, type, size) in objects)
        {
            var read = database.Read(Convert.FromHexString(id));
            Assert.That(read, Is.Not.Null, id);
            Assert.That(read!.Type.ToString().ToLowerInvariant(), Is.EqualTo(type), id);
            Assert.That(read.Data, Has.Length.EqualTo(size), id);
            if (type is "blob" or "commit")
            {
                Assert.That(Encoding.UTF8.GetString(read.Data), Is.EqualTo(_repo.Git("cat-file", type, id)), id);
            }
        }
    }

    [Test]
    public void The_index_finds_every_object_of_the_pack_and_no_other()
    {
        var index = Repack(offsetDeltas: true);
        using var database = new GitObjectDatabase(ObjectsFolder);
        using var pack = GitPackFile.Open(index, 20)!;
        var ids = PackEntries(index).Select(e => e.Id).ToList();
        foreach (var id in ids)
        {
            Assert.That(pack.Read(Convert.FromHexString(id), database), Is.Not.Null, id);
        }

        // Absent ids at both ends of the fan-out table and right beside a present one.
        var neighbour = Convert.FromHexString(ids[0]);
        neighbour[^1] ^= 1;
        foreach (var absent in new[] { new byte[20], Enumerable.Repeat((byte)0xff, 20).ToArray(), neighbour }.Where(a => !ids.Contains(Convert.ToHexString(a).ToLowerInvariant())))
        {
            Assert.That(pack.Read(absent, database), Is.Null);
        }
    }

    [Test]
    public void Objects_stored_as_offset_deltas_are_rebuilt_from_their_bases()
    {
        var index = Repack(offsetDeltas: true);
        var bytes = File.ReadAllBytes(Path.ChangeExtension(index, ".pack"));
        var deltas = PackEntries(index).Where(e => e.Delta).ToList();
        Assert.That(deltas, Is.Not.Empty, "git stored some objects as deltas");
        Assert.That(deltas.Select(d => StoredType(bytes, d.Offset)), Is.All.EqualTo(PackObjectOffsetDelta));
        AssertEveryObjectReadsAsGitHasIt();
    }

    [Test]
    public void Objects_stored_as_reference_deltas_are_rebuilt_from_the_object_they_name()
    {
        var index = Repack(offsetDeltas: false);
        var bytes = File.ReadAllBytes(Path.ChangeExtension(index, ".pack"));
        var deltas = PackEntries(index).Where(e => e.Delta).ToList();
        Assert.That(deltas, Is.Not.Empty, "git stored some objects as deltas");
        Assert.That(deltas.Select(d => StoredType(bytes, d.Offset)), Is.All.EqualTo(PackObjectRefDelta));
        AssertEveryObjectReadsAsGitHasIt();
    }

    /// <summary>Reads every object; each either reads or fails with a <see cref="GitFormatException"/>. Returns the failures.</summary>
    private int ReadAllExpectingOnlyFormatErrors()
    {
        var failures = 0;
        foreach (var (id, _, _) in GitObjectsFromIndex())
        {
            try
            {
                using var database = new GitObjectDatabase(ObjectsFolder);
                database.Read(Convert.FromHexString(id));
            }
            catch (GitFormatException)
            {
                failures++;
            }
        }

        return failures;
    }

    // The ids as the (intact) index lists them: git cat-file cannot list a damaged pack's objects.
    private List<(string Id, long Offset, bool Delta)> _entries = new();

    private IEnumerable<(string Id, long Offset, bool Delta)> GitObjectsFromIndex() => _entries;

    [Test]
    public void A_truncated_pack_is_a_format_error()
    {
        var index = Repack(offsetDeltas: true);
        _entries = PackEntries(index).ToList();
        var pack = Path.ChangeExtension(index, ".pack");
        var bytes = File.ReadAllBytes(pack);
        File.WriteAllBytes(pack, bytes[..(bytes.Length / 2)]);
        Assert.That(ReadAllExpectingOnlyFormatErrors(), Is.GreaterThan(0));
    }

    [Test]
    public void Damaged_compressed_data_is_a_format_error()
    {
        var index = Repack(offsetDeltas: false);
        _entries = PackEntries(index).ToList();
        var pack = Path.ChangeExtension(index, ".pack");
        var bytes = File.ReadAllBytes(pack);
        foreach (var (_, offset, _) in _entries)
        {
            // The object's header is at most a few bytes (a REF delta's base id follows it): damage what comes after.
            for (var i = offset + 24; i < Math.Min(offset + 40, bytes.Length - 20); i++)
            {
                bytes[i] ^= 0x5a;
            }
        }

        File.WriteAllBytes(pack, bytes);
        Assert.That(ReadAllExpectingOnlyFormatErrors(), Is.GreaterThan(0));
    }

    [Test]
    public void An_offset_delta_based_on_itself_is_a_format_error_not_an_endless_recursion()
    {
        var index = Repack(offsetDeltas: true);
        var pack = Path.ChangeExtension(index, ".pack");
        var bytes = File.ReadAllBytes(pack);
        var (id, offset, _) = PackEntries(index).First(e => e.Delta);
        var position = offset;
        while ((bytes[position] & 0x80) != 0)
        {
            position++; // the type and size
        }

        bytes[position + 1] = 0; // the distance back to the base: 0
        File.WriteAllBytes(pack, bytes);
        using var database = new GitObjectDatabase(ObjectsFolder);
        Assert.That(() => database.Read(Convert.FromHexString(id)), Throws.TypeOf<GitFormatException>().With.Message.Contains("not before it"));
    }

    [Test]
    public void A_truncated_index_is_a_format_error()
    {
        var index = Repack(offsetDeltas: true);
        var id = PackEntries(index)[0].Id;
        File.WriteAllBytes(index, File.ReadAllBytes(index)[..600]);
        Assert.That(() =>
        {
            using var database = new GitObjectDatabase(ObjectsFolder);
            return database.Read(Convert.FromHexString(id));
        }, Throws.TypeOf<GitFormatException>());
    }

    [Test]
    public void A_delta_that_ends_mid_instruction_is_a_format_error()
    {
        var source = Encoding.ASCII.GetBytes("0123456789");
        // Sizes 10 and 4, then a copy instruction announcing an offset byte and a size byte that are not there.
        Assert.That(() => GitDelta.Apply(source, new byte[] { 10, 4, 0x91 }), Throws.TypeOf<GitFormatException>());
        Assert.That(() => GitDelta.Apply(source, new byte[] { 10 }), Throws.TypeOf<GitFormatException>());
        Assert.That(GitDelta.Apply(source, new byte[] { 10, 4, 0x91, 2, 4 }), Is.EqualTo(Encoding.ASCII.GetBytes("2345")));
    }

    [Test]
    public void In_a_build_a_damaged_pack_is_SPT0502_not_an_exception()
    {
        var index = Repack(offsetDeltas: true);
        var pack = Path.ChangeExtension(index, ".pack");
        var bytes = File.ReadAllBytes(pack);
        for (var i = 12; i < bytes.Length - 20; i += 7)
        {
            bytes[i] ^= 0xa5;
        }

        File.WriteAllBytes(pack, bytes);
        var tree = TreeFile.Load(Path.Combine(_repo.Root, "tree.json")).Tree!;
        var diagnostics = new DiagnosticBag("tree.json");
        var version = NodeVersions.For(tree, tree.Find("feature-A")!, null, null, diagnostics);
        Assert.That(version, Is.Null);
        Assert.That(diagnostics.Items.Select(d => d.Code), Is.EqualTo(new[] { DiagnosticCodes.GitHistoryUnreadable.Code }));
    }
}
