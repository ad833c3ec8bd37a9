namespace Spicetime.Tree.Tests;

/// <summary>Files of this repository the tests read (docs, schema, samples).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Spicetime.Build.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Spicetime.Build.sln not found above the test folder");
    }
}
