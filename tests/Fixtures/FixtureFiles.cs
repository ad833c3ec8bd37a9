namespace Spicetime.Tests.Fixtures;

/// <summary>
/// Fixture files shared by the test projects (tests/Fixtures), read from the repository, so one manifest is written
/// once. Compiled into each test project that uses them (a linked file).
/// </summary>
internal static class FixtureFiles
{
    /// <summary>The repository's root: the folder holding Spicetime.Build.sln, above the test's folder.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Read(string relative) => File.ReadAllText(Path.Combine(RepositoryRoot, "tests", "Fixtures", relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Spicetime.Build.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Spicetime.Build.sln not found above the test folder");
    }
}
