using Spicetime.Tree.Projects;

namespace Spicetime.Tree.Tests.Projects;

/// <summary>Which listed files the scanner reads as projects: never one under bin, obj, .git, node_modules, artifacts or .vs (any case, any depth).</summary>
public class ProjectScannerTests
{
    [Test]
    public void Projects_under_a_skipped_folder_are_not_read_and_look_alike_names_are()
    {
        var root = Directory.CreateTempSubdirectory("spicetime-scanner-").FullName;
        try
        {
            var listed = new[]
            {
                "src/App/App.csproj", "bin.csproj", "src/objects/O.csproj", "src/binary/B.fsproj", "src/x.bin/X.csproj", "src/.github/G.csproj",
                "bin/A.csproj", "src/App/obj/Gen.csproj", "src/App/OBJ/Upper.csproj", "node_modules/p/P.csproj", "a/b/artifacts/c/C.csproj",
                ".vs/V.csproj", "src/.git/Git.csproj", "src/App/Bin/Debug/Copy.csproj",
            };
            foreach (var file in listed)
            {
                var full = Path.Combine(root, file);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, "<Project Sdk=\"Microsoft.NET.Sdk\" />");
            }

            var read = ProjectScanner.Read(root, listed).Select(p => p.RelativePath);
            Assert.That(read, Is.EqualTo(new[] { "bin.csproj", "src/.github/G.csproj", "src/App/App.csproj", "src/binary/B.fsproj", "src/objects/O.csproj", "src/x.bin/X.csproj" }));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
