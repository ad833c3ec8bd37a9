using System.Security;
using System.Text.Json;
using Spicetime.Cli.Solutions;
using Spicetime.Tree.Affected;

namespace Spicetime.Cli.Output;

/// <summary>Writes an affected set as text (<see cref="AffectedTextWriter"/>), json, a GitHub Actions matrix, an MSBuild traversal project or a solution filter.</summary>
public static class AffectedWriter
{
    public static int Write(CliContext context, AffectedResult result, string format, bool branches, bool explain, string? solution, string treeDirectory)
    {
        var output = context.Output;
        switch (format)
        {
            case "json":
                output.WriteLine(JsonText.Write(json =>
                {
                    json.WriteStartObject();
                    json.WriteStartArray("projects");
                    foreach (var project in result.Projects)
                    {
                        json.WriteStartObject();
                        json.WriteString("path", project.Name);
                        json.WriteString("branch", project.Branch);
                        Reasons(json, project);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteStartArray("branches");
                    foreach (var branch in result.Branches)
                    {
                        json.WriteStartObject();
                        json.WriteString("branch", branch.Name);
                        Reasons(json, branch);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }));
                break;
            case "github-matrix":
                output.WriteLine(JsonText.Write(json =>
                {
                    json.WriteStartObject();
                    json.WriteStartArray("include");
                    foreach (var item in branches ? result.Branches : result.Projects)
                    {
                        json.WriteStartObject();
                        if (!branches)
                        {
                            json.WriteString("project", item.Name);
                        }

                        json.WriteString("branch", item.Branch);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }, indented: false));
                break;
            case "traversal":
                output.Write(TraversalProject(result));
                break;
            case "slnf":
                // Written to stdout: save it next to the solution (its path is the solution's file name).
                output.WriteLine(SolutionFilterWriter.Write(solution!, Path.GetDirectoryName(solution!)!,
                    result.Projects.Select(p => Path.GetFullPath(Path.Combine(treeDirectory, p.Name)))));
                break;
            default:
                AffectedTextWriter.Write(output, result, explain);
                break;
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// <c>reasons</c>: each causal chain as one line (docs/selective-builds.md, "Reasons"); <c>chains</c>: the same chains, in the same order, link by
    /// link, for tools: <c>{"kind": "file|node|project|referencedBy", "name": "...", "detail": "...",
    /// "change": {"entry", "before", "after", "source"}}</c> (detail and change only where they apply).
    /// </summary>
    private static void Reasons(Utf8JsonWriter json, AffectedItem item)
    {
        json.WriteStartArray("reasons");
        foreach (var reason in item.Reasons)
        {
            json.WriteStringValue(reason.ToString());
        }

        json.WriteEndArray();
        json.WriteStartArray("chains");
        foreach (var reason in item.Reasons)
        {
            json.WriteStartArray();
            foreach (var cause in reason.Causes)
            {
                json.WriteStartObject();
                json.WriteString("kind", CauseKindName(cause.Kind));
                json.WriteString("name", cause.Name);
                if (cause.Detail is not null && cause.Change is null)
                {
                    json.WriteString("detail", cause.Detail);
                }

                if (cause.Change is { } change)
                {
                    json.WriteStartObject("change");
                    json.WriteString("entry", change.Entry);
                    json.WriteString("before", change.Before);
                    json.WriteString("after", change.After);
                    if (change.Source is not null)
                    {
                        json.WriteString("source", change.Source);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
    }

    private static string CauseKindName(CauseKind kind) => kind switch
    {
        CauseKind.File => "file",
        CauseKind.Node => "node",
        CauseKind.Project => "project",
        _ => "referencedBy",
    };

    /// <summary>
    /// An MSBuild project that restores, builds, tests, packs and cleans exactly the affected projects:
    /// <c>dotnet build affected.proj</c>, <c>dotnet test affected.proj</c>. Save it in the folder of tree.json (the paths
    /// are relative to it). Restore is one NuGet restore of all of them (NuGet.targets with RestoreGraphProjectInput, as
    /// a solution restores), so that projects they share are restored once.
    /// </summary>
    private static string TraversalProject(AffectedResult result)
    {
        var text = new System.Text.StringBuilder();
        text.Append("""
            <!-- Generated by spicetime affected (format traversal): restores, builds, tests and packs exactly the affected
                 projects (dotnet build|test|pack THIS.proj). Paths are relative to the folder of tree.json; save it there. -->
            <Project DefaultTargets="Build">
              <PropertyGroup>
                <!-- Marks this file, so that spicetime affected never counts it among the tree's projects. -->
                <SpicetimeAffectedTraversal>true</SpicetimeAffectedTraversal>
                <NuGetRestoreTargets Condition="'$(NuGetRestoreTargets)' == '' and '$(MSBuildUseVisualStudioDirectoryLayout)' == 'true'">$([MSBuild]::GetToolsDirectory32())\..\..\..\Common7\IDE\CommonExtensions\Microsoft\NuGet\NuGet.targets</NuGetRestoreTargets>
                <NuGetRestoreTargets Condition="'$(NuGetRestoreTargets)' == ''">$(MSBuildToolsPath)\NuGet.targets</NuGetRestoreTargets>
              </PropertyGroup>
              <ItemGroup>

            """);
        foreach (var project in result.Projects)
        {
            text.Append($"    <AffectedProject Include=\"{SecurityElement.Escape(project.Name)}\" SpicetimeBranch=\"{SecurityElement.Escape(project.Branch)}\" />\n");
        }

        text.Append("""
              </ItemGroup>
              <Target Name="Restore">
                <PropertyGroup>
                  <_AffectedRestoreInput>@(AffectedProject->'%(FullPath)')</_AffectedRestoreInput>
                </PropertyGroup>
                <MSBuild Projects="$(NuGetRestoreTargets)" Targets="Restore" Condition="'@(AffectedProject)' != ''"
                         Properties="RestoreGraphProjectInput=$(_AffectedRestoreInput);RestoreRecursive=true" />
              </Target>
              <Target Name="Build" Returns="@(_AffectedOutput)">
                <MSBuild Projects="@(AffectedProject)" Targets="Build" BuildInParallel="true">
                  <Output TaskParameter="TargetOutputs" ItemName="_AffectedOutput" />
                </MSBuild>
              </Target>
              <Target Name="Rebuild" DependsOnTargets="Clean;Build" />
              <Target Name="VSTest">
                <MSBuild Projects="@(AffectedProject)" Targets="VSTest" BuildInParallel="true" />
              </Target>
              <Target Name="Test" DependsOnTargets="VSTest" />
              <Target Name="Pack">
                <MSBuild Projects="@(AffectedProject)" Targets="Pack" BuildInParallel="true" />
              </Target>
              <Target Name="Clean">
                <MSBuild Projects="@(AffectedProject)" Targets="Clean" BuildInParallel="true" />
              </Target>
            </Project>

            """);
        return text.ToString();
    }
}
