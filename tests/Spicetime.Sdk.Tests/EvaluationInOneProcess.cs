using System.Security;
using System.Text.Json;

namespace Spicetime.Sdk.Tests;

/// <summary>
/// Reads properties and items of several projects of a repository in one `dotnet msbuild` process instead of one
/// `dotnet msbuild -getProperty` each: a generated project calls the MSBuild task on every project with a target that
/// only returns what was asked, brought in through $(CustomAfterMicrosoftCommonTargets) (as NuGet's restore reads every
/// project of a graph in one process). The projects are evaluated by the real dotnet in the repository, with its
/// global.json and SDK resolvers, as the user's builds evaluate them; the target runs no other target. Its files lie
/// outside the repository, so the repository and its obj/ folders are left as they were.
/// </summary>
public static class EvaluationInOneProcess
{
    private const string Target = "SpicetimeTestsReportEvaluation";
    private const string Report = "_SpicetimeTestsEvaluation";

    /// <summary>Each project's (paths relative to the repository) evaluation, as <see cref="ConsumerRepo.Evaluate"/> returns it.</summary>
    public static IReadOnlyDictionary<string, Evaluation> Evaluate(ConsumerRepo repo, IReadOnlyList<string> projects, string[] properties, string[] items)
    {
        var folder = Path.Combine(SdkPackage.WorkRoot, "evaluations", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var reportTargets = Path.Combine(folder, "report.targets");
        File.WriteAllText(reportTargets, ReportTargets(properties, items));
        var entry = Path.Combine(folder, "evaluate.proj");
        File.WriteAllText(entry, $"""
            <Project>
              <ItemGroup>
            {string.Concat(projects.Select(p => $"    <_SpicetimeTestsProject Include=\"{SecurityElement.Escape(repo.PathOf(p))}\" />\n"))}  </ItemGroup>
              <Target Name="Evaluate" Returns="@({Report})">
                <MSBuild Projects="@(_SpicetimeTestsProject)" Targets="{Target}" Properties="CustomAfterMicrosoftCommonTargets={SecurityElement.Escape(reportTargets)}">
                  <Output TaskParameter="TargetOutputs" ItemName="{Report}" />
                </MSBuild>
              </Target>
            </Project>
            """);

        var result = repo.Dotnet("msbuild", entry, "-getTargetResult:Evaluate").ShouldSucceed();
        var json = JsonDocument.Parse(result.Output[result.Output.IndexOf('{')..]).RootElement;
        var reported = json.GetProperty("TargetResults").GetProperty("Evaluate").GetProperty("Items").EnumerateArray()
            .Select(i => i.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty))
            .ToList();
        return projects.ToDictionary(p => p, p => ToEvaluation(reported.Where(r => SameFile(r["SpicetimeTestsProject"], repo.PathOf(p))), properties, items));
    }

    /// <summary>
    /// The target each project runs: one item per property (its value) and a copy of each item of the asked types, with
    /// its FullPath as the project sees it (the caller would see it relative to the generated project).
    /// </summary>
    private static string ReportTargets(string[] properties, string[] items) => $"""
        <Project>
          <Target Name="{Target}" Returns="@({Report})">
            <ItemGroup>
        {string.Concat(properties.Select(p => $"      <{Report} Include=\"$(MSBuildProjectFullPath)\" SpicetimeTestsProject=\"$(MSBuildProjectFullPath)\" SpicetimeTestsProperty=\"{p}\" SpicetimeTestsValue=\"$({p})\" />\n"))}{string.Concat(items.Select(i => $"      <{Report} Include=\"@({i})\" SpicetimeTestsProject=\"$(MSBuildProjectFullPath)\" SpicetimeTestsItemType=\"{i}\" SpicetimeTestsFullPath=\"%(FullPath)\" />\n"))}    </ItemGroup>
          </Target>
        </Project>
        """;

    /// <summary>The report of one project in the shape `dotnet msbuild -getProperty -getItem` prints.</summary>
    private static Evaluation ToEvaluation(IEnumerable<Dictionary<string, string>> reported, string[] properties, string[] items)
    {
        var list = reported.ToList();
        var json = new Dictionary<string, object>
        {
            ["Properties"] = properties.ToDictionary(p => p, p => list.Single(r => r.GetValueOrDefault("SpicetimeTestsProperty") == p)["SpicetimeTestsValue"]),
            ["Items"] = items.ToDictionary(i => i, i => list.Where(r => r.GetValueOrDefault("SpicetimeTestsItemType") == i).Select(r => r
                .Where(m => !m.Key.StartsWith("SpicetimeTests", StringComparison.Ordinal) && !AddedByTheMSBuildTask.Contains(m.Key) && !WellKnown.Contains(m.Key))
                .Append(new KeyValuePair<string, string>("FullPath", r["SpicetimeTestsFullPath"]))
                .ToDictionary(m => m.Key, m => m.Value)).ToList()),
        };
        return new Evaluation(JsonSerializer.SerializeToElement(json));
    }

    /// <summary>What the MSBuild task adds to the items a target returns.</summary>
    private static readonly HashSet<string> AddedByTheMSBuildTask = new(StringComparer.OrdinalIgnoreCase)
    {
        "OriginalItemSpec", "MSBuildSourceProjectFile", "MSBuildSourceTargetName",
    };

    /// <summary>
    /// Well-known metadata MSBuild computes where the item is read (here: beside the generated project), left out; FullPath
    /// is reported as the project saw it. An item's own metadata and FullPath are what -getItem prints for them.
    /// </summary>
    private static readonly HashSet<string> WellKnown = new(StringComparer.OrdinalIgnoreCase)
    {
        "FullPath", "RootDir", "Filename", "Extension", "RelativeDir", "Directory", "RecursiveDir", "ModifiedTime", "CreatedTime", "AccessedTime", "DefiningProjectFullPath",
        "DefiningProjectDirectory", "DefiningProjectName", "DefiningProjectExtension",
    };

    private static bool SameFile(string a, string b) => string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);
}
