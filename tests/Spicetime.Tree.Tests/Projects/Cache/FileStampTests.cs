using Spicetime.Tree.Projects.Cache;

namespace Spicetime.Tree.Tests.Projects.Cache;

/// <summary>
/// A file's stamp (size, time of last writing) is recorded with its fingerprint only when it can be trusted: the same
/// before and after the read, and the file written long enough before it; what a reading records is what a later look
/// at the path finds, through a symbolic link too; any writing changes it.
/// </summary>
public class FileStampTests
{
    private string _folder = null!;

    [SetUp]
    public void Create() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "spicetime-stamp-" + Guid.NewGuid().ToString("N")[..8]));

    [TearDown]
    public void Remove() => Directory.Delete(_folder, recursive: true);

    private string Written(string name, string content, DateTime? at = null)
    {
        var file = Path.Combine(_folder, name);
        File.WriteAllText(file, content);
        if (at is { } time)
        {
            File.SetLastWriteTimeUtc(file, time);
        }

        return file;
    }

    [Test]
    public void A_settled_file_read_records_the_stamp_a_later_look_finds()
    {
        var file = Written("a.props", "<Project />", DateTime.UtcNow.AddHours(-1));
        var hashed = Fingerprint.OfFile(file, out var stamp);
        var read = Fingerprint.Read(file, out _, out var readStamp);

        Assert.That(stamp.IsNone, Is.False);
        Assert.That(readStamp, Is.EqualTo(stamp));
        Assert.That(read, Is.EqualTo(hashed));
        Assert.That(FileStamp.Of(file), Is.EqualTo(stamp));
        Assert.That(stamp.Length, Is.EqualTo(new FileInfo(file).Length));
    }

    [Test]
    public void A_file_not_settled_gets_no_stamp()
    {
        // Dated ahead of the clock: not settled however long the test takes (a file written just now is the case).
        var file = Written("a.props", "<Project />", DateTime.UtcNow.AddMinutes(10));
        Fingerprint.OfFile(file, out var stamp);
        Fingerprint.Read(file, out _, out var readStamp);
        Assert.That((stamp.IsNone, readStamp.IsNone), Is.EqualTo((true, true)));
    }

    [Test]
    public void Settled_means_the_same_before_and_after_and_written_more_than_the_settling_time_before_the_read()
    {
        var readAt = new DateTime(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);
        var settled = new FileStamp(100, (readAt - FileStamp.Settling).Ticks - 1);
        Assert.That(FileStamp.Settled(settled, settled, readAt), Is.EqualTo(settled));

        var atTheEdge = new FileStamp(100, (readAt - FileStamp.Settling).Ticks);
        Assert.That(FileStamp.Settled(atTheEdge, atTheEdge, readAt).IsNone, Is.True, "written exactly the settling time before");
        Assert.That(FileStamp.Settled(settled, new FileStamp(101, settled.LastWriteTicks), readAt).IsNone, Is.True, "changed while read");
        Assert.That(FileStamp.Settled(FileStamp.None, FileStamp.None, readAt).IsNone, Is.True, "no file");
    }

    [Test]
    public void Any_writing_changes_the_stamp_even_of_the_same_size()
    {
        var file = Written("a.props", "<Project>1</Project>", DateTime.UtcNow.AddHours(-1));
        Fingerprint.OfFile(file, out var stamp);

        File.WriteAllText(file, "<Project>2</Project>");
        Assert.That(FileStamp.Of(file), Is.Not.EqualTo(stamp), "same size, written now");

        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-30));
        Assert.That(FileStamp.Of(file), Is.Not.EqualTo(stamp), "same size, an older time set than now but later than the stamp's");

        File.WriteAllText(file, "<Project>22</Project>");
        File.SetLastWriteTimeUtc(file, new DateTime(stamp.LastWriteTicks, DateTimeKind.Utc));
        Assert.That(FileStamp.Of(file), Is.Not.EqualTo(stamp), "its old time set back, another size");
    }

    [Test]
    public void A_missing_file_or_a_folder_has_no_stamp()
    {
        Assert.That(FileStamp.Of(Path.Combine(_folder, "none.props")).IsNone, Is.True);
        Directory.CreateDirectory(Path.Combine(_folder, "d.props"));
        Assert.That(FileStamp.Of(Path.Combine(_folder, "d.props")).IsNone, Is.True);
        Fingerprint.OfFile(Path.Combine(_folder, "none.props"), out var stamp);
        Assert.That(stamp.IsNone, Is.True);
    }

    [Test]
    public void Through_a_symbolic_link_the_stamp_is_the_target_file_s()
    {
        var target = Written("target.props", "<Project>1</Project>", DateTime.UtcNow.AddHours(-1));
        var link = Path.Combine(_folder, "link.props");
        try
        {
            File.CreateSymbolicLink(link, target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Assert.Ignore($"no symbolic links here: {e.Message}");
        }

        // The link itself is older than the target's last writing would make it: its own time must not be the one seen.
        Fingerprint.OfFile(link, out var stamp);
        Assert.That(stamp, Is.EqualTo(FileStamp.Of(target)));
        Assert.That(FileStamp.Of(link), Is.EqualTo(stamp), "a look through the path finds what the read recorded");

        File.WriteAllText(target, "<Project>2</Project>");
        File.SetLastWriteTimeUtc(target, DateTime.UtcNow.AddMinutes(-30));
        Assert.That(FileStamp.Of(link), Is.Not.EqualTo(stamp), "the target written: the link's look sees it");
    }

    [Test]
    public void A_look_by_root_and_relative_path_finds_what_a_look_by_full_path_finds()
    {
        var old = DateTime.UtcNow.AddHours(-1).AddTicks(-12_345); // a time with a fraction of a second
        Written("plain.props", "<Project />", old);
        Directory.CreateDirectory(Path.Combine(_folder, "sub", "Ünïcödé"));
        File.WriteAllText(Path.Combine(_folder, "sub", "Ünïcödé", "p.csproj"), "<Project Sdk=\"x\" />");
        Written("empty.props", string.Empty, old);
        Directory.CreateDirectory(Path.Combine(_folder, "folder.props"));
        var links = true;
        try
        {
            File.CreateSymbolicLink(Path.Combine(_folder, "link.props"), Path.Combine(_folder, "plain.props"));
            File.CreateSymbolicLink(Path.Combine(_folder, "link-to-link.props"), Path.Combine(_folder, "link.props"));
            File.CreateSymbolicLink(Path.Combine(_folder, "broken.props"), Path.Combine(_folder, "gone.props"));
            File.CreateSymbolicLink(Path.Combine(_folder, "to-folder.props"), Path.Combine(_folder, "folder.props"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            links = false;
        }

        var names = new[] { "plain.props", "sub/Ünïcödé/p.csproj", "empty.props", "folder.props", "missing.props", "sub/missing/x.props", "plain.props/below" }
            .Concat(links ? new[] { "link.props", "link-to-link.props", "broken.props", "to-folder.props" } : Array.Empty<string>());
        foreach (var name in names)
        {
            Assert.That(FileStamp.Of(_folder, name), Is.EqualTo(FileStamp.Of(Path.Combine(_folder, name))), name);
        }

        Assert.That(FileStamp.Of(_folder, "plain.props").IsNone, Is.False);
        Assert.That(FileStamp.Of(_folder, "plain.props").LastWriteTicks, Is.EqualTo(old.Ticks - (old.Ticks % 10)).Or.EqualTo(old.Ticks), "the file system's fraction kept");
        Assert.That(FileStamp.Of(_folder, "folder.props").IsNone, Is.True);
        Assert.That(FileStamp.Of(_folder, "missing.props").IsNone, Is.True);
        Assert.That(FileStamp.Of(_folder, Spicetime.Tree.Paths.RepositoryPath.Root).IsNone, Is.True, "the folder itself");
    }

    [Test]
    public void On_Linux_a_look_is_one_statx_call_and_a_path_too_long_for_it_takes_FileInfo_s_way()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("statx is Linux's");
        }

        var file = Written("a.props", "<Project />", DateTime.UtcNow.AddHours(-1));
        Assert.That(Spicetime.Tree.Framework.LinuxFileStatus.TryStat(_folder, "a.props", out var isFile, out var length, out var ticks), Is.True);
        Assert.That((isFile, length, ticks), Is.EqualTo((true, new FileInfo(file).Length, new FileInfo(file).LastWriteTimeUtc.Ticks)));
        Assert.That(Spicetime.Tree.Framework.LinuxFileStatus.TryStat(_folder, new string('x', 2000), out _, out _, out _), Is.False);
        Assert.That(FileStamp.Of(_folder, new string('x', 2000)).IsNone, Is.True, "FileInfo's way: a name too long is no file");
    }
}
