namespace Spicetime.Tree.Git;

/// <summary>
/// Object ids between git's bytes and the lowercase hexadecimal text git writes. A plain loop on purpose:
/// <see cref="Convert.ToHexString(byte[])"/> and <see cref="Convert.FromHexString(string)"/> run vectorised code that the
/// runtime's precompiled image leaves to the JIT, and compiling the two cost a build's first version ~4 ms of its ~20.
/// </summary>
internal static class GitObjectId
{
    private const string Digits = "0123456789abcdef";

    /// <summary>The bytes of <paramref name="id"/> (40 or 64 hexadecimal digits, either case).</summary>
    public static byte[] Parse(string id)
    {
        if (id.Length == 0 || id.Length % 2 != 0)
        {
            throw new GitFormatException($"'{id}' is not a git object id");
        }

        var bytes = new byte[id.Length / 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            var high = Digit(id[2 * i]);
            var low = Digit(id[(2 * i) + 1]);
            if ((high | low) < 0)
            {
                throw new GitFormatException($"'{id}' is not a git object id");
            }

            bytes[i] = (byte)((high << 4) | low);
        }

        return bytes;
    }

    /// <summary><paramref name="bytes"/> as lowercase hexadecimal text.</summary>
    public static string ToText(ReadOnlySpan<byte> bytes)
    {
        Span<char> text = bytes.Length <= 64 ? stackalloc char[bytes.Length * 2] : new char[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            text[2 * i] = Digits[bytes[i] >> 4];
            text[(2 * i) + 1] = Digits[bytes[i] & 0xF];
        }

        return text.ToString();
    }

    /// <summary>Where git keeps <paramref name="id"/> loose under <paramref name="objects"/>: its first byte names the folder.</summary>
    public static string LoosePath(string objects, byte[] id) =>
        Path.Combine(objects, ToText(id.AsSpan(0, 1)), ToText(id.AsSpan(1)));

    private static int Digit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
