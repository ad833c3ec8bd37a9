namespace Spicetime.Differential.Tests;

/// <summary>A git repository on disk (<see cref="GitWorkspace"/>) whose commits are compared, Spicetime against MSBuild.</summary>
internal sealed class FixtureRepository : GitWorkspace
{
    public new FixtureRepository Write(string path, string content) => (FixtureRepository)base.Write(path, content);

    public new FixtureRepository Edit(string path, string oldText, string newText) => (FixtureRepository)base.Edit(path, oldText, newText);

    public new FixtureRepository Delete(string path) => (FixtureRepository)base.Delete(path);

    /// <summary>An SDK-style project with the given body inside &lt;Project&gt;.</summary>
    public FixtureRepository Project(string path, string body = "") =>
        Write(path, $"<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>\n{body}\n</Project>\n");

    /// <summary>Commits the change and compares Spicetime with MSBuild on it.</summary>
    public CommitComparison CommitAndCompare(string message)
    {
        Commit(message);
        return DifferentialRun.Run(Root, "HEAD", 1).Single();
    }
}
