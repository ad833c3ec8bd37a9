using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Spicetime.Tree.Cache;

/// <summary>
/// The tag Turborepo's remote cache protocol carries in <c>x-artifact-tag</c> when artifacts are signed: HMAC-SHA256,
/// keyed by the signature key, over <c>{"hash":…,"teamId":…}</c> followed by the artifact's bytes, in base64 without
/// padding. Spicetime writes and checks the same tag, so a cache shared with Turborepo's own clients agrees with them.
/// </summary>
public sealed class ArtifactSignature
{
    private readonly byte[] _key;
    private readonly string _team;

    public ArtifactSignature(string key, string team)
    {
        _key = Encoding.UTF8.GetBytes(key);
        _team = team;
    }

    public string Tag(string hash, byte[] artifact)
    {
        using var hmac = new HMACSHA256(_key);
        var metadata = Metadata(hash, _team);
        hmac.TransformBlock(metadata, 0, metadata.Length, null, 0);
        hmac.TransformFinalBlock(artifact, 0, artifact.Length);
        return Convert.ToBase64String(hmac.Hash!).TrimEnd('=');
    }

    /// <summary>True when <paramref name="tag"/> is this key's tag for the artifact (compared in constant time).</summary>
    public bool Verify(string hash, byte[] artifact, string? tag)
    {
        if (string.IsNullOrEmpty(tag))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Tag(hash, artifact));
        var given = Encoding.ASCII.GetBytes(tag!.TrimEnd('='));
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>
    /// <c>{"hash":…,"teamId":…}</c> in UTF-8, compact, escaped as JsonSerializer escapes by default. Written, not
    /// serialized: reflection-based serialization is neither trim- nor AOT-safe (the native tool package).
    /// </summary>
    private static byte[] Metadata(string hash, string team)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("hash", hash);
            json.WriteString("teamId", team);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
