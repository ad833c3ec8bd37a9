using System.Buffers.Binary;
using System.IO.Compression;
using Spicetime.Tree.Framework;

namespace Spicetime.Tree.Git;

/// <summary>
/// One pack of a git object database: its index (<c>.idx</c>, version 2) and its data (<c>.pack</c>), both memory-mapped
/// so that finding and inflating an object costs no system call. Deltified objects (<c>OFS_DELTA</c>, <c>REF_DELTA</c>)
/// are rebuilt from their bases; recent bases are kept, since consecutive commits' trees share long delta chains.
/// Formats: https://git-scm.com/docs/pack-format.
/// </summary>
internal sealed unsafe class GitPackFile : IDisposable
{
    private const int FanoutOffset = 8;
    private const int ObjectCommit = 1, ObjectTree = 2, ObjectBlob = 3, ObjectTag = 4, ObjectOffsetDelta = 6, ObjectRefDelta = 7;

    /// <summary>Deltas resolved through object ids at once (git's own limit for --depth is 4095): a deeper chain is a cycle.</summary>
    private const int MaxRefDeltaDepth = 4096;

    private readonly MappedFile _index;
    private readonly MappedFile _pack;
    private readonly int _count;
    private readonly int _idLength;
    private readonly Dictionary<long, (GitObjectType Type, byte[] Data)> _bases = new();
    private int _refDeltaDepth;

    private GitPackFile(MappedFile index, MappedFile pack, int idLength)
    {
        _index = index;
        _pack = pack;
        _idLength = idLength;
        _count = (int)BinaryPrimitives.ReadUInt32BigEndian(_index.Span(FanoutOffset + (255 * 4), 4));
    }

    /// <summary>Opens <paramref name="indexPath"/> and the .pack beside it; null when it is not a version 2 index.</summary>
    public static GitPackFile? Open(string indexPath, int idLength)
    {
        var index = MappedFile.Open(indexPath, TooShort) ?? throw new GitFormatException($"{indexPath} is empty");
        var header = index.Span(0, 8);
        if (header[0] != 0xff || header[1] != (byte)'t' || header[2] != (byte)'O' || header[3] != (byte)'c' || BinaryPrimitives.ReadUInt32BigEndian(header[4..]) != 2)
        {
            index.Dispose();
            return null;
        }

        MappedFile? pack = null;
        try
        {
            var packPath = Path.ChangeExtension(indexPath, ".pack");
            pack = MappedFile.Open(packPath, TooShort) ?? throw new GitFormatException($"{packPath} is empty");
            return new GitPackFile(index, pack, idLength); // reads the index's object count: a truncated index fails here
        }
        catch
        {
            pack?.Dispose();
            index.Dispose();
            throw;
        }
    }

    private static Exception TooShort(string path) => new GitFormatException($"{path} is shorter than its index says");

    /// <summary>The object <paramref name="id"/>, or null when this pack does not hold it.</summary>
    public GitObject? Read(ReadOnlySpan<byte> id, GitObjectDatabase database)
    {
        var offset = Find(id);
        return offset < 0 ? null : ReadAt(offset, database);
    }

    private long Find(ReadOnlySpan<byte> id)
    {
        var first = id[0];
        var low = first == 0 ? 0 : (int)BinaryPrimitives.ReadUInt32BigEndian(_index.Span(FanoutOffset + ((first - 1) * 4), 4));
        var high = (int)BinaryPrimitives.ReadUInt32BigEndian(_index.Span(FanoutOffset + (first * 4), 4)) - 1;
        var names = FanoutOffset + (256 * 4);
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var compare = _index.Span(names + ((long)middle * _idLength), _idLength).SequenceCompareTo(id);
            if (compare == 0)
            {
                return OffsetOf(middle);
            }

            if (compare < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }

    private long OffsetOf(int position)
    {
        var offsets = FanoutOffset + (256 * 4) + ((long)_count * _idLength) + ((long)_count * 4);
        var small = BinaryPrimitives.ReadUInt32BigEndian(_index.Span(offsets + (position * 4L), 4));
        if ((small & 0x8000_0000) == 0)
        {
            return small;
        }

        var large = offsets + (_count * 4L) + ((small & 0x7fff_ffff) * 8L);
        return (long)BinaryPrimitives.ReadUInt64BigEndian(_index.Span(large, 8));
    }

    private GitObject ReadAt(long offset, GitObjectDatabase database)
    {
        if (_bases.TryGetValue(offset, out var cached))
        {
            return new GitObject(cached.Type, cached.Data);
        }

        var position = offset;
        var b = _pack.Byte(position++);
        var type = (b >> 4) & 7;
        long size = b & 0x0f;
        for (var shift = 4; (b & 0x80) != 0; shift += 7)
        {
            b = _pack.Byte(position++);
            if (shift > 56)
            {
                throw new GitFormatException($"the size of the object at offset {offset} of {_pack.Path} does not end");
            }

            size |= (long)(b & 0x7f) << shift;
        }

        GitObject result;
        switch (type)
        {
            case ObjectCommit or ObjectTree or ObjectBlob or ObjectTag:
                result = new GitObject((GitObjectType)type, Inflate(position, size));
                break;
            case ObjectOffsetDelta:
            {
                b = _pack.Byte(position++);
                long back = b & 0x7f;
                while ((b & 0x80) != 0)
                {
                    b = _pack.Byte(position++);
                    if (back > offset)
                    {
                        break; // reported below
                    }

                    back = ((back + 1) << 7) | (long)(b & 0x7f);
                }

                // A base lies before its delta: this also ends every chain.
                if (back <= 0 || back > offset)
                {
                    throw new GitFormatException($"the delta at offset {offset} of {_pack.Path} names a base at {offset - back}, not before it");
                }

                var baseObject = ReadAt(offset - back, database);
                result = new GitObject(baseObject.Type, GitDelta.Apply(baseObject.Data, Inflate(position, size)));
                break;
            }

            case ObjectRefDelta:
            {
                var baseId = _pack.Span(position, _idLength).ToArray();
                position += _idLength;
                if (_refDeltaDepth >= MaxRefDeltaDepth)
                {
                    throw new GitFormatException($"the delta at offset {offset} of {_pack.Path} is based, through more than {MaxRefDeltaDepth} deltas, on itself");
                }

                GitObject? baseObject;
                _refDeltaDepth++;
                try
                {
                    baseObject = database.Read(baseId);
                }
                finally
                {
                    _refDeltaDepth--;
                }

                if (baseObject is null)
                {
                    throw new GitFormatException($"the base object {GitObjectId.ToText(baseId)} of a delta is missing");
                }

                result = new GitObject(baseObject.Type, GitDelta.Apply(baseObject.Data, Inflate(position, size)));
                break;
            }

            default:
                throw new GitFormatException($"unknown object type {type} at offset {offset} of {_pack.Path}");
        }

        // Trees and commits are what a history walk reads again and again as delta bases; blobs can be large.
        if (result.Type != GitObjectType.Blob)
        {
            if (_bases.Count >= 4096)
            {
                _bases.Clear();
            }

            _bases[offset] = (result.Type, result.Data);
        }

        return result;
    }

    private byte[] Inflate(long position, long size)
    {
        if (size > int.MaxValue)
        {
            throw new GitFormatException($"the object at offset {position} of {_pack.Path} says it has {size} bytes, more than an object can");
        }

        var data = new byte[size];
        try
        {
            using var compressed = _pack.Stream(position);
            using var inflater = GitZlib.Inflate(compressed);
            inflater.ReadExactly(data);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new GitFormatException($"the data at offset {position} of {_pack.Path} does not inflate to the {size} bytes it should: {e.Message}");
        }

        return data;
    }

    public void Dispose()
    {
        _index.Dispose();
        _pack.Dispose();
    }
}
