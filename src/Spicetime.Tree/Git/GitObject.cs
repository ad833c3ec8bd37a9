namespace Spicetime.Tree.Git;

/// <summary>The kinds of git objects (their numbers are the pack format's).</summary>
public enum GitObjectType
{
    Commit = 1,
    Tree = 2,
    Blob = 3,
    Tag = 4,
}

/// <summary>An object's type and content (without the loose object header).</summary>
public sealed record GitObject(GitObjectType Type, byte[] Data);

/// <summary>The object database or a ref is not what git writes: a damaged or unsupported repository.</summary>
public sealed class GitFormatException : Exception
{
    public GitFormatException(string message)
        : base(message)
    {
    }
}
