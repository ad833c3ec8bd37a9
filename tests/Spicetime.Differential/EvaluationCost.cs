using System.Diagnostics;
using Microsoft.Build.Construction;
using Microsoft.Build.Definition;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Evaluation.Context;
using Microsoft.Build.Exceptions;
using Spicetime.Tree.Projects;

namespace Spicetime.Differential;

/// <summary>
/// The candidates for reading a repository's projects, timed on one checkout in one process (docs/selective-builds.md,
/// "Why a reader of our own"): MSBuild evaluation with the .NET SDK's files; MSBuild evaluation with the SDK replaced
/// by a stub that only imports the Directory.Build.*/Directory.Packages.props files (the repository's own MSBuild);
/// and Spicetime's reader.
/// </summary>
public static class EvaluationCost
{
    public static string Measure(string root, IReadOnlyList<string> projects, IReadOnlyList<string> files)
    {
        root = Path.GetFullPath(root);
        var outer = Time(() => GroundTruth.Evaluate(root, projects, innerBuilds: false));
        var full = Time(() => GroundTruth.Evaluate(root, projects));
        var stub = WriteStub();
        var stubbed = Time(() => EvaluateStubbed(root, projects, stub));
        var reader = Enumerable.Range(0, 5).Select(_ => Time(() => ProjectScanner.Read(root, files))).Order().ToList();
        Directory.Delete(stub, true);
        return $"{projects.Count} projects: MSBuild with the .NET SDK, outer builds {outer:F0} ms (what dotnet-affected evaluates), with every target framework's inner build {full:F0} ms (the harness's ground truth); "
            + $"MSBuild with a stub SDK {stubbed:F0} ms; Spicetime's reader {reader[2]:F0} ms (median of 5, {reader[0]:F0}-{reader[^1]:F0} ms)";
    }

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static void EvaluateStubbed(string root, IReadOnlyList<string> projects, string stub)
    {
        using var collection = new ProjectCollection();
        var context = EvaluationContext.Create(EvaluationContext.SharingPolicy.Shared);
        foreach (var project in projects)
        {
            try
            {
                var element = ProjectRootElement.Open(Path.Combine(root, project), collection, preserveFormatting: false);
                if (!string.IsNullOrEmpty(element.Sdk))
                {
                    element.Sdk = string.Empty;
                    element.PrependChild(element.CreateImportElement(Path.Combine(stub, "Sdk.props")));
                    element.AddImport(Path.Combine(stub, "Sdk.targets"));
                }

                Project.FromProjectRootElement(element, new ProjectOptions
                {
                    ProjectCollection = collection,
                    EvaluationContext = context,
                    LoadSettings = ProjectLoadSettings.IgnoreMissingImports | ProjectLoadSettings.IgnoreInvalidImports | ProjectLoadSettings.IgnoreEmptyImports,
                });
            }
            catch (InvalidProjectFileException)
            {
            }
        }
    }

    private static string WriteStub()
    {
        var folder = Directory.CreateTempSubdirectory("spicetime-stub-sdk-").FullName;
        File.WriteAllText(Path.Combine(folder, "Sdk.props"), """
            <Project>
              <PropertyGroup>
                <_DirectoryBuildPropsFile>Directory.Build.props</_DirectoryBuildPropsFile>
                <_DirectoryBuildPropsBasePath>$([MSBuild]::GetDirectoryNameOfFileAbove($(MSBuildProjectDirectory), Directory.Build.props))</_DirectoryBuildPropsBasePath>
                <_DirectoryPackagesPropsBasePath>$([MSBuild]::GetDirectoryNameOfFileAbove($(MSBuildProjectDirectory), Directory.Packages.props))</_DirectoryPackagesPropsBasePath>
              </PropertyGroup>
              <Import Project="$(_DirectoryBuildPropsBasePath)/Directory.Build.props" Condition="'$(_DirectoryBuildPropsBasePath)' != ''" />
              <Import Project="$(_DirectoryPackagesPropsBasePath)/Directory.Packages.props" Condition="'$(_DirectoryPackagesPropsBasePath)' != ''" />
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Sdk.targets"), """
            <Project>
              <PropertyGroup>
                <_DirectoryBuildTargetsFile>Directory.Build.targets</_DirectoryBuildTargetsFile>
                <_DirectoryBuildTargetsBasePath>$([MSBuild]::GetDirectoryNameOfFileAbove($(MSBuildProjectDirectory), Directory.Build.targets))</_DirectoryBuildTargetsBasePath>
              </PropertyGroup>
              <Import Project="$(_DirectoryBuildTargetsBasePath)/Directory.Build.targets" Condition="'$(_DirectoryBuildTargetsBasePath)' != ''" />
            </Project>
            """);
        return folder;
    }
}
