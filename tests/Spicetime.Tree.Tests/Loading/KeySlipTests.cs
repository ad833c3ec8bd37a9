using Spicetime.Tree.Loading;

namespace Spicetime.Tree.Tests.Loading;

/// <summary>Which unknown keys are slips of a key that changes meaning (SPT0122), and which are not.</summary>
public class KeySlipTests
{
    private static readonly string[] NodeKeys = TreeManifestLoader.NodeKeys;

    [TestCase("inherit", "inherits")]
    [TestCase("inheritss", "inherits")]
    [TestCase("inhreits", "inherits")]
    [TestCase("INHERITS", "inherits")]
    [TestCase("override", "overrides")]
    [TestCase("overides", "overrides")]
    [TestCase("scope", "scopes")]
    [TestCase("extend", "extends")]
    [TestCase("child", "children")]
    [TestCase("childs", "children")]
    [TestCase("childre", "children")]
    public void A_slip_of_a_node_key_that_changes_meaning_is_found(string unknown, string meant) =>
        Assert.That(KeySlip.Of(unknown, NodeKeys), Is.EqualTo(meant));

    [TestCase("property", "properties")]
    [TestCase("propertys", "properties")]
    [TestCase("package", "packages")]
    [TestCase("project", "projects")]
    [TestCase("path", "paths")]
    [TestCase("contract", "contracts")]
    public void A_slip_of_a_scope_key_is_found(string unknown, string meant) =>
        Assert.That(KeySlip.Of(unknown, TreeManifestLoader.ScopeKeys), Is.EqualTo(meant));

    [TestCase("versoin")]
    [TestCase("descripton")]
    [TestCase("updatess")]
    [TestCase("inheritance")]
    [TestCase("parents")]
    [TestCase("")]
    public void Other_unknown_keys_are_no_slips(string unknown) =>
        Assert.That(KeySlip.Of(unknown, NodeKeys), Is.Null);

    [Test]
    public void A_slip_counts_only_against_keys_allowed_where_it_stands()
    {
        // "paths" is a scope's key, not a node's: on a node, "path" is the known key and it changes no inheritance.
        Assert.That(KeySlip.Of("paths", NodeKeys), Is.Null);
        Assert.That(KeySlip.Of("child", TreeManifestLoader.ScopeKeys), Is.Null);
    }
}
