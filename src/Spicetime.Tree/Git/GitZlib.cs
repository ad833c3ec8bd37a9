using System.IO.Compression;

namespace Spicetime.Tree.Git;

/// <summary>
/// Git stores every object zlib-compressed (RFC 1950: a two-byte header, a deflate stream, an Adler-32 trailer).
/// .NET has ZLibStream; .NET Framework (Visual Studio's MSBuild) has only raw deflate, so there the header is read
/// and checked here and the trailer is left unread (git's object ids already say whether the content is right).
/// </summary>
internal static class GitZlib
{
    public static Stream Inflate(Stream compressed)
    {
#if NET
        return new ZLibStream(compressed, CompressionMode.Decompress);
#else
        var method = compressed.ReadByte();
        var flags = compressed.ReadByte();
        if (method < 0 || flags < 0 || (method & 0x0F) != 8 || ((method << 8) | flags) % 31 != 0 || (flags & 0x20) != 0)
        {
            throw new GitFormatException("a git object is not zlib-compressed");
        }

        return new DeflateStream(compressed, CompressionMode.Decompress);
#endif
    }
}
