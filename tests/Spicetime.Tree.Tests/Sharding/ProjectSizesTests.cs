using Spicetime.Tree.Projects;
using Spicetime.Tree.Sharding;

namespace Spicetime.Tree.Tests.Sharding;

/// <summary>A project's size: the bytes of the files `affected` counts as its own.</summary>
public class ProjectSizesTests
{
    private const string Root = "/repo";

    private static readonly Dictionary<string, long> Files = new()
    {
        ["src/App/App.csproj"] = 300,
        ["src/App/Program.cs"] = 1000,
        ["src/App/Views/Home.cshtml"] = 500,
        ["src/App/.vscode/settings.json"] = 7_000,       // a folder starting with '.': not a default item
        ["src/App/bin/Debug/App.dll"] = 90_000,          // build output, when untracked files count
        ["src/App/obj/project.assets.json"] = 90_000,
        ["src/App/Tool/Tool.csproj"] = 200,              // another project's file: not App's
        ["src/App/Tool/Tool.cs"] = 400,                  // in App's folder: MSBuild's default items take it for App too
        ["shared/Links/Linked.cs"] = 2_000,
        ["shared/Glob/A.cs"] = 30,
        ["shared/Glob/B.cs"] = 70,
        ["shared/Glob/B.txt"] = 5_000,
        ["build.proj"] = 150,
        ["eng/Build.targets"] = 60,
        ["README.md"] = 80_000,
    };

    private static ItemInput Item(string baseFolder, string include) =>
        new(PathPattern.Create(Root, baseFolder, include)!, "Compile", baseFolder + "/x.csproj", 1);

    private static IReadOnlyDictionary<string, long> Measure(params ProjectInfo[] projects) =>
        ProjectSizes.Measure(projects, Files.Keys, f => Files[f]);

    [Test]
    public void A_project_weighs_its_file_and_what_its_default_items_take_from_its_folder()
    {
        var sizes = Measure(new ProjectInfo("src/App/App.csproj", Array.Empty<string>()), new ProjectInfo("src/App/Tool/Tool.csproj", Array.Empty<string>()));
        Assert.That(sizes["src/App/App.csproj"], Is.EqualTo(300 + 1000 + 500 + 400));
        Assert.That(sizes["src/App/Tool/Tool.csproj"], Is.EqualTo(200 + 400));
    }

    [Test]
    public void Files_its_items_name_elsewhere_count_once_and_an_item_the_reader_could_not_evaluate_adds_nothing()
    {
        var app = new ProjectInfo("src/App/App.csproj", Array.Empty<string>())
        {
            Items = new[]
            {
                Item("src/App", "../../shared/Links/Linked.cs"),
                Item("src/App", "../../shared/Links/Linked.cs"),
                Item("src/App", "../../shared/Glob/*.cs"),
                Item("src/App", "Program.cs"),
                Item("src/App", "../../shared/Gone.cs"),
                Item("src/App", MSBuildText.Unknown + "/*.md"),
            },
        };
        Assert.That(Measure(app)["src/App/App.csproj"], Is.EqualTo(300 + 1000 + 500 + 400 + 2000 + 30 + 70));
    }

    [Test]
    public void A_project_on_no_SDK_weighs_its_file_and_its_items_and_one_at_the_top_takes_no_folder()
    {
        var build = new ProjectInfo("build.proj", Array.Empty<string>()) { HasDefaultItems = false, Items = new[] { Item(".", "eng/Build.targets") } };
        Assert.That(Measure(build)["build.proj"], Is.EqualTo(150 + 60));
        var noDefaults = new ProjectInfo("src/App/App.csproj", Array.Empty<string>()) { HasDefaultItems = false };
        Assert.That(Measure(noDefaults)["src/App/App.csproj"], Is.EqualTo(300));
    }

    [Test]
    public void When_default_items_take_only_some_extensions_only_those_files_count()
    {
        var fsharp = new ProjectInfo("src/App/App.csproj", Array.Empty<string>()) { DefaultItemExtensions = new[] { ".cshtml" } };
        Assert.That(Measure(fsharp)["src/App/App.csproj"], Is.EqualTo(300 + 500));
    }

    [Test]
    public void Outside_git_the_project_folders_are_walked_from_the_disk()
    {
        var folder = Directory.CreateTempSubdirectory("spicetime-sizes-").FullName;
        try
        {
            void Write(string relative, int bytes)
            {
                var path = Path.Combine(folder, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, new byte[bytes]);
            }

            Write("App/App.csproj", 10);
            Write("App/Code.cs", 100);
            Write("App/obj/Generated.cs", 5000);
            Write("Other/Big.cs", 9000);
            var sizes = ProjectSizes.Measure(folder, new[] { new ProjectInfo("App/App.csproj", Array.Empty<string>()) }, includeUntracked: true);
            Assert.That(sizes["App/App.csproj"], Is.EqualTo(110));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
