using System.Text;
using Spicetime.Tree.Framework;
using Spicetime.Tree.Projects.Cache;

namespace Spicetime.Tree.Tests.Projects.Cache;

/// <summary>
/// The facts cache file's reader reads exactly what BinaryWriter wrote, from the file mapped in memory as the cache reads
/// it, and a file cut short or damaged is an InvalidDataException.
/// </summary>
public class FactsBytesTests
{
    private readonly List<MappedFile> _mapped = new();
    private readonly List<string> _files = new();

    [TearDown]
    public void Unmap()
    {
        _mapped.ForEach(m => m.Dispose());
        _files.ForEach(File.Delete);
        _mapped.Clear();
        _files.Clear();
    }

    /// <summary>A reader of <paramref name="bytes"/> written to a file and mapped, from <paramref name="start"/> to <paramref name="end"/>.</summary>
    private FactsBytes Reader(byte[] bytes, int start, int end)
    {
        var path = Path.GetTempFileName();
        _files.Add(path);
        File.WriteAllBytes(path, bytes);
        var file = MappedFile.Open(path, p => new InvalidDataException(p))!;
        _mapped.Add(file);
        return new FactsBytes(file, start, end);
    }

    private static byte[] Written(Action<BinaryWriter> write)
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            write(writer);
        }

        return stream.ToArray();
    }

    [Test]
    public void What_BinaryWriter_wrote_reads_back()
    {
        var texts = new[] { string.Empty, "a", new string('x', 127), new string('y', 128), new string('z', 20_000), "forks/é/Ünï/项目.csproj" };
        var bytes = Written(w =>
        {
            w.Write((byte)7);
            w.Write(true);
            w.Write(-5);
            w.Write(long.MinValue);
            w.Write(ulong.MaxValue);
            foreach (var text in texts)
            {
                w.Write(text);
            }
        });

        var reader = Reader(bytes, 0, bytes.Length);
        Assert.That((reader.ReadByte(), reader.ReadBoolean(), reader.ReadInt32(), reader.ReadInt64(), reader.ReadUInt64()),
            Is.EqualTo(((byte)7, true, -5, long.MinValue, ulong.MaxValue)));
        foreach (var text in texts)
        {
            Assert.That(reader.ReadString(), Is.EqualTo(text));
        }

        Assert.That(reader.Position, Is.EqualTo(bytes.Length));
    }

    [Test]
    public void A_file_cut_short_or_damaged_is_invalid_data()
    {
        var bytes = Written(w => w.Write("forks/a/A.csproj"));
        Assert.Throws<InvalidDataException>(() => Reader(bytes, 0, bytes.Length - 1).ReadString(), "cut in a string");
        Assert.Throws<InvalidDataException>(() => Reader(bytes, 0, 3).ReadInt32(), "cut in a number");
        Assert.Throws<InvalidDataException>(() => Reader(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, 0, 6).ReadString(), "a length of more than 32 bits");
        Assert.Throws<InvalidDataException>(() => Reader(new byte[] { 2, 0xC3, 0x28 }, 0, 3).ReadString(), "not UTF-8");
        Assert.Throws<InvalidDataException>(() => Reader(new byte[] { 2 }, 0, 1).ReadBoolean(), "a flag neither 0 nor 1");
        Assert.Throws<InvalidDataException>(() => Reader(Written(w => w.Write(-1)), 0, 4).ReadCount(10), "a negative count");
        Assert.Throws<InvalidDataException>(() => Reader(Written(w => w.Write(11)), 0, 4).ReadCount(10), "a count over the bound");
    }
}
