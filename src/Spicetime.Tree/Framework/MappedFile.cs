using System.IO.MemoryMappedFiles;

namespace Spicetime.Tree.Framework;

/// <summary>
/// A file mapped read-only into memory: its pages come from the system's file cache as they are touched, instead of being
/// copied into a new array (whose every page the process must first fault in and clear: at 20,000 projects the facts
/// cache's 10 MB and git's 4 MB index were a sixth of a warm <c>affected</c>'s page faults). The file may be replaced by
/// a rename meanwhile (the mapping keeps the old one); what is read must not outlive <see cref="Dispose"/>.
/// </summary>
internal sealed unsafe class MappedFile : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly Func<string, Exception> _tooShort;
    private readonly byte* _start;

    private MappedFile(string path, MemoryMappedFile file, MemoryMappedViewAccessor view, long length, Func<string, Exception> tooShort)
    {
        Path = path;
        Length = length;
        _file = file;
        _view = view;
        _tooShort = tooShort;
        byte* start = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        _start = start + view.PointerOffset;
    }

    public string Path { get; }

    public long Length { get; }

    /// <summary>
    /// Maps <paramref name="path"/>; null when it is empty (nothing to map). <paramref name="tooShort"/> makes the
    /// exception for a read past the end (the caller's kind of "damaged").
    /// </summary>
    public static MappedFile? Open(string path, Func<string, Exception> tooShort)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = stream.Length;
        if (length == 0)
        {
            return null;
        }

        var file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        return new MappedFile(path, file, file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read), length, tooShort);
    }

    /// <summary>Where the file starts in memory (valid until <see cref="Dispose"/>).</summary>
    public byte* Start => _start;

    /// <summary>The whole file (up to 2 GB).</summary>
    public ReadOnlySpan<byte> All => Length <= int.MaxValue ? new ReadOnlySpan<byte>(_start, (int)Length) : throw _tooShort(Path);

    public ReadOnlySpan<byte> Span(long offset, int length)
    {
        if (offset < 0 || length < 0 || offset + length > Length)
        {
            throw _tooShort(Path);
        }

        return new ReadOnlySpan<byte>(_start + offset, length);
    }

    public byte Byte(long offset) => Span(offset, 1)[0];

    public Stream Stream(long offset) =>
        offset >= 0 && offset < Length ? new UnmanagedMemoryStream(_start + offset, Length - offset) : throw _tooShort(Path);

    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
