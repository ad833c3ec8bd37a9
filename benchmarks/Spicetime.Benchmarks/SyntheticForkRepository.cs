using System.Diagnostics;
using System.Text;

namespace Spicetime.Benchmarks;

/// <summary>
/// Writes a synthetic tree-of-forks repository with git history, for whole-process benchmarks of selective builds:
/// <c>forks</c> forks (the first is the root, <c>release</c>) of <c>projectsPerFork</c> projects each, a scope per
/// fork plus shared <c>core</c>/<c>infra</c> scopes, a Directory.Packages.props of 50 packages (each project uses
/// three), ProjectReference chains of ten inside each fork, and a .cs file per project. Three commits:
/// base, a one-file edit (<c>HEAD~1</c>), a central version bump (<c>HEAD</c>). Deterministic.
/// With <c>spicetimeSdk</c> the projects are real, buildable Spicetime.Sdk projects (packages come only from
/// tree.json, no central file) and there is one commit; the caller adds the SDK's global.json and its change.
/// </summary>
public static class SyntheticForkRepository
{
    private const int CentralPackages = 50;

    public static void Write(string root, int forks, int projectsPerFork, bool spicetimeSdk = false)
    {
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, ".gitignore"), "bin/\nobj/\n");
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(root, "tree.json"), Tree(forks));
        if (!spicetimeSdk)
        {
            File.WriteAllText(Path.Combine(root, "Directory.Packages.props"), Central(bumped: false));
        }

        var solution = new StringBuilder("<Solution>\n");
        for (var f = 0; f < forks; f++)
        {
            // A solution folder per fork: .slnx wants project names unique within a folder (every fork has a P0).
            solution.Append($"  <Folder Name=\"/{Folder(f)}/\">\n");
            for (var p = 0; p < projectsPerFork; p++)
            {
                var folder = Path.Combine(root, Folder(f), $"P{p}");
                Directory.CreateDirectory(folder);
                var items = new StringBuilder();
                for (var k = 0; k < (spicetimeSdk ? 0 : 3); k++)
                {
                    items.Append($"<PackageReference Include=\"Pkg.{(f * 7 + p * 3 + k) % CentralPackages}\" />");
                }

                if (p % 10 != 0)
                {
                    items.Append($"<ProjectReference Include=\"../P{p - 1}/P{p - 1}.csproj\" />");
                }

                File.WriteAllText(Path.Combine(folder, $"P{p}.csproj"),
                    $"<Project Sdk=\"{(spicetimeSdk ? "Spicetime.Sdk" : "Microsoft.NET.Sdk")}\">\n  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>\n  <ItemGroup>{items}</ItemGroup>\n</Project>\n");
                File.WriteAllText(Path.Combine(folder, "Code.cs"), $"namespace F{f}.P{p};\npublic static class C {{ public const int Value = {p}; }}\n");
                solution.Append($"    <Project Path=\"{Folder(f)}/P{p}/P{p}.csproj\" />\n");
            }

            solution.Append("  </Folder>\n");
        }

        File.WriteAllText(Path.Combine(root, "All.slnx"), solution.Append("</Solution>\n").ToString());

        Git(root, "init", "-q", "-b", "release");
        Git(root, "add", "-A");
        Git(root, "commit", "-q", "-m", "base");
        if (spicetimeSdk)
        {
            return;
        }

        File.AppendAllText(Path.Combine(root, Folder(Math.Min(1, forks - 1)), "P5", "Code.cs"), "// edited\n");
        Git(root, "commit", "-q", "-am", "edit one file");
        File.WriteAllText(Path.Combine(root, "Directory.Packages.props"), Central(bumped: true));
        Git(root, "commit", "-q", "-am", "bump Pkg.7");
    }

    private static string Folder(int fork) => fork == 0 ? "release" : $"forks/f{fork}";

    private static string Tree(int forks)
    {
        var json = new StringBuilder();
        json.Append("{\"scopes\":{");
        json.Append("\"core\":{\"packages\":{\"Newtonsoft.Json\":\"13.0.3\"},\"properties\":{\"Nullable\":\"enable\"},\"paths\":[\"shared/**\"]},");
        json.Append("\"infra\":{\"packages\":{\"Serilog\":\"4.0.0\"},\"properties\":{\"Deterministic\":\"true\"}}");
        for (var f = 1; f < forks; f++)
        {
            json.Append($",\"f{f}\":{{\"properties\":{{\"F{f}Flag\":\"on\"}}}}");
        }

        json.Append("},\"root\":{\"branch\":\"release\",\"path\":\"release\",\"scopes\":[\"core\",\"infra\"],\"children\":[");
        for (var f = 1; f < forks; f++)
        {
            json.Append(f == 1 ? "" : ",").Append($"{{\"branch\":\"f{f}\",\"path\":\"forks/f{f}\",\"scopes\":[\"f{f}\"]");
            if (f % 5 == 0)
            {
                json.Append(",\"overrides\":[{\"packages\":{\"Newtonsoft.Json\":\"13.0.1\"},\"breaking\":true}]");
            }

            json.Append('}');
        }

        json.Append("]}}\n");
        return json.ToString();
    }

    private static string Central(bool bumped)
    {
        var text = new StringBuilder("<Project>\n  <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>\n  <ItemGroup>\n");
        for (var i = 0; i < CentralPackages; i++)
        {
            text.Append($"    <PackageVersion Include=\"Pkg.{i}\" Version=\"1.{(bumped && i == 7 ? 1 : 0)}.0\" />\n");
        }

        return text.Append("  </ItemGroup>\n</Project>\n").ToString();
    }

    public static void Git(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardError = true };
        foreach (var arg in new[] { "-c", "user.name=bench", "-c", "user.email=bench@spicetime.invalid", "-c", "commit.gpgsign=false" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)}: {error}");
        }
    }
}
