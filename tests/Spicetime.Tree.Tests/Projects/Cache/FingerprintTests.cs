using Spicetime.Tree.Projects.Cache;

namespace Spicetime.Tree.Tests.Projects.Cache;

/// <summary>
/// A file's fingerprint is its bytes' whatever way it is read: hashed as read in one pooled buffer (the cache's checks),
/// read whole for evaluation, or hashed from memory; across the buffer's size, empty, absent.
/// </summary>
public class FingerprintTests
{
    private string _folder = null!;

    [SetUp]
    public void Create() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "spicetime-fingerprint-" + Guid.NewGuid().ToString("N")[..8]));

    [TearDown]
    public void Remove() => Directory.Delete(_folder, recursive: true);

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(1000)]
    [TestCase(64 * 1024 - 1)]
    [TestCase(64 * 1024)]
    [TestCase(64 * 1024 + 1)]
    [TestCase(200 * 1024 + 7)]
    public void A_file_read_in_pieces_whole_or_from_memory_has_one_fingerprint(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        var file = Path.Combine(_folder, "f.props");
        File.WriteAllBytes(file, bytes);

        var streamed = Fingerprint.OfFile(file);
        var whole = Fingerprint.Read(file, out var content);
        Assert.That(content, Is.EqualTo(bytes));
        Assert.That(streamed, Is.EqualTo(Fingerprint.Of(bytes)));
        Assert.That(whole, Is.EqualTo(Fingerprint.Of(bytes)));
        Assert.That(streamed, Is.Not.EqualTo(Fingerprint.Absent).And.Not.EqualTo(Fingerprint.Unreadable));

        bytes = bytes.Append((byte)1).ToArray();
        File.WriteAllBytes(file, bytes);
        Assert.That(Fingerprint.OfFile(file), Is.Not.EqualTo(streamed), "one byte more");
    }

    [Test]
    public void A_missing_file_or_folder_is_absent()
    {
        Assert.That(Fingerprint.OfFile(Path.Combine(_folder, "none.props")), Is.EqualTo(Fingerprint.Absent));
        Assert.That(Fingerprint.OfFile(Path.Combine(_folder, "no", "none.props")), Is.EqualTo(Fingerprint.Absent));
        Assert.That(Fingerprint.Read(Path.Combine(_folder, "none.props"), out var content), Is.EqualTo(Fingerprint.Absent));
        Assert.That(content, Is.Null);
    }

    [Test]
    public void A_folder_where_a_file_was_is_unreadable_never_equal_to_a_content()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "d.props"));
        Assert.That(Fingerprint.OfFile(Path.Combine(_folder, "d.props")), Is.EqualTo(Fingerprint.Unreadable));
        Assert.That(Fingerprint.Read(Path.Combine(_folder, "d.props"), out _), Is.EqualTo(Fingerprint.Unreadable));
    }
}
