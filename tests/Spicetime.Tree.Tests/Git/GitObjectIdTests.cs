using Spicetime.Tree.Git;

namespace Spicetime.Tree.Tests.Git;

/// <summary>Object ids between bytes and git's text: the same answers as the framework's conversion, and a clear error for text that is not an id.</summary>
public class GitObjectIdTests
{
    [Test]
    public void Ids_round_trip_as_lowercase_text_like_the_framework_converts_them()
    {
        var random = new Random(20261203);
        foreach (var length in new[] { 1, 19, 20, 32, 33 })
        {
            for (var i = 0; i < 50; i++)
            {
                var bytes = new byte[length];
                random.NextBytes(bytes);
                var text = GitObjectId.ToText(bytes);
                Assert.That(text, Is.EqualTo(Convert.ToHexString(bytes).ToLowerInvariant()));
                Assert.That(GitObjectId.Parse(text), Is.EqualTo(bytes));
                Assert.That(GitObjectId.Parse(text.ToUpperInvariant()), Is.EqualTo(bytes));
            }
        }
    }

    [Test]
    public void A_loose_object_lives_in_the_folder_its_first_byte_names()
    {
        var id = GitObjectId.Parse("8e146c3c4e33449f95a49679795f74f7ae19ecc1");
        Assert.That(GitObjectId.LoosePath("/repo/.git/objects", id),
            Is.EqualTo(Path.Combine("/repo/.git/objects", "8e", "146c3c4e33449f95a49679795f74f7ae19ecc1")));
    }

    [TestCase("")]
    [TestCase("abc")]
    [TestCase("8e146c3c4e33449f95a49679795f74f7ae19ecg1")]
    [TestCase("8e146c3c4e33449f95a49679795f74f7ae19ec 1")]
    [TestCase("ref: refs/heads/main")]
    public void Text_that_is_not_an_id_is_a_format_error(string text) =>
        Assert.That(() => GitObjectId.Parse(text), Throws.TypeOf<GitFormatException>().With.Message.Contains($"'{text}' is not a git object id"));
}
