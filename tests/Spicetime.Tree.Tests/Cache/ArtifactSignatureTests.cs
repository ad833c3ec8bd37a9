using Spicetime.Tree.Cache;

namespace Spicetime.Tree.Tests.Cache;

/// <summary>x-artifact-tag as Turborepo computes it (a known answer computed independently with Python's hmac module).</summary>
public class ArtifactSignatureTests
{
    private static readonly byte[] Body = "the artifact body as bytes"u8.ToArray();

    [Test]
    public void The_tag_is_Turborepos_HMAC_of_hash_team_and_body()
    {
        var signature = new ArtifactSignature("my-secret-key-env", "team_someid");
        Assert.That(signature.Tag("the-artifact-hash", Body), Is.EqualTo("kNawPzmd+3N8P1mOoR9LyDzzN3NOJcF682Ghq/FPOoU"));
        Assert.That(signature.Verify("the-artifact-hash", Body, "kNawPzmd+3N8P1mOoR9LyDzzN3NOJcF682Ghq/FPOoU"), Is.True);
    }

    [Test]
    public void Another_key_team_hash_or_body_does_not_verify()
    {
        var tag = new ArtifactSignature("k", "team_a").Tag("abc", Body);
        Assert.That(new ArtifactSignature("other", "team_a").Verify("abc", Body, tag), Is.False);
        Assert.That(new ArtifactSignature("k", "team_b").Verify("abc", Body, tag), Is.False);
        Assert.That(new ArtifactSignature("k", "team_a").Verify("abd", Body, tag), Is.False);
        Assert.That(new ArtifactSignature("k", "team_a").Verify("abc", Body.Append((byte)1).ToArray(), tag), Is.False);
        Assert.That(new ArtifactSignature("k", "team_a").Verify("abc", Body, null), Is.False);
    }
}
