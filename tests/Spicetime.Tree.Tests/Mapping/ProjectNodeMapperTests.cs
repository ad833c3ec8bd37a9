using Spicetime.Tree.Mapping;
using Spicetime.Tree.Build;
using Spicetime.Tree.Diagnostics;
using Spicetime.Tree.Git;

namespace Spicetime.Tree.Tests.Mapping;

/// <summary>Which node a project belongs to, by the SDK's rule: explicit branch, longest path, git branch, root.</summary>
public class ProjectNodeMapperTests : BuildFolderTests
{
    [Test]
    public void Explicit_branch_first_then_longest_path_then_git_then_root()
    {
        Write(".git/HEAD", "ref: refs/heads/feature-B\n");
        Assert.That(Map("forks/a/deep/App", "feature-B").Node.Branch, Is.EqualTo("feature-B"));
        Assert.That(Map("forks/a/deep/App") is { Rule: NodeMappingRule.Path, Node.Branch: "deep" });
        Assert.That(Map("forks/a/App").Node.Branch, Is.EqualTo("feature-A"));
        Assert.That(Map("forks/ab/App") is { Rule: NodeMappingRule.GitBranch, Node.Branch: "feature-B" }, "a path prefix is a whole folder name");
        Write(".git/HEAD", "ref: refs/heads/topic\n");
        Assert.That(Map("apps/App") is { Rule: NodeMappingRule.Root, Node.Branch: "release" });
    }

    [Test]
    public void Unknown_explicit_branch_is_SPT0200_listing_the_known_branches()
    {
        var bag = new DiagnosticBag("p.csproj");
        Assert.That(ProjectNodeMapper.Map(Tree(), _root, "feature-C", bag, NoCi), Is.Null);
        var error = bag.Items.Single();
        Assert.That(error.Code, Is.EqualTo(DiagnosticCodes.UnknownBranch.Code));
        Assert.That(error.Message, Does.Contain("known branches: release, feature-A, deep, feature-B"));
    }
}
