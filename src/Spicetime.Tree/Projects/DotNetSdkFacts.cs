using Spicetime.Tree.Framework;
namespace Spicetime.Tree.Projects;

/// <summary>
/// What <see cref="ProjectReader"/> knows of the .NET SDK without reading it: the SDKs whose properties are known by
/// name, the properties the SDK and MSBuild define (unknown, not empty, when a project file reads them), the ones that
/// point at build output or the SDK's folders (never sources), the item types that name no file, and the SDK files
/// that bring MSBuild's implicit Directory.* imports. One list each, here.
/// </summary>
internal static class DotNetSdkFacts
{
    /// <summary>A path that starts in build output or an SDK's folder (<c>$(OutputPath)x.dll</c>): never a source.</summary>
    public static bool UnderBuildOutput(string text)
    {
        var trimmed = text.TrimStart();
        var close = trimmed.StartsWith("$(", StringComparison.Ordinal) ? trimmed.IndexOf(')') : -1;
        return close > 0 && BuildOutput(trimmed[..(close + 1)]);
    }

    /// <summary>SDKs whose properties <see cref="SdkProperties"/> covers: they bring Microsoft.NET.Sdk and nothing a project path reads.</summary>
    public static readonly NameSet KnownSdks = new(StringComparer.OrdinalIgnoreCase, new[]
    {
        "Microsoft.NET.Sdk", "Microsoft.NET.Sdk.Web", "Microsoft.NET.Sdk.Worker", "Microsoft.NET.Sdk.Razor", "Microsoft.NET.Sdk.BlazorWebAssembly",
        "Microsoft.NET.Sdk.WindowsDesktop", "Microsoft.NET.Sdk.Functions", "Spicetime.Sdk", "Aspire.AppHost.Sdk", "MSTest.Sdk",
        "Microsoft.Build.NoTargets", "Microsoft.Build.Traversal", // microsoft/MSBuildSdks: Microsoft.Common and a few switches of their own
    });

    public static bool LooksLikePath(string value)
    {
        var known = value.Replace(MSBuildText.Unknown, string.Empty);
        if (known.Contains('/') || known.Contains('\\') || known.Contains('*'))
        {
            return true;
        }

        var dot = known.LastIndexOf('.');
        return dot >= 0 && known.Length - dot - 1 is >= 1 and <= 10 && known[(dot + 1)..].All(char.IsAsciiLetterOrDigit);
    }

    public static bool NamesSpicetimeSdk(string? sdks) =>
        sdks is not null && MSBuildList.Items(sdks)
            .Any(sdk => sdk.Split('/')[0].Trim().Equals("Spicetime.Sdk", StringComparison.OrdinalIgnoreCase));

    /// <summary>An unresolved expression that names build output or an SDK's files: nothing a change to the sources touches.</summary>
    public static bool BuildOutput(string expression)
    {
        var name = expression.StartsWith("$(", StringComparison.Ordinal) && expression.EndsWith(')') ? expression[2..^1].Trim() : null;
        return name is not null && (OutsideSources.Contains(name) || name.StartsWith("Pkg", StringComparison.Ordinal) || name.StartsWith("NuGetPackage", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Properties the .NET SDK or MSBuild define (so a project file may read them without defining them).</summary>
    public static bool DefinedOutside(string name) =>
        OutsideSources.Contains(name) || SdkProperties.Contains(name)
        || name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith('_')
        || name.StartsWith("NuGet", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Pkg", StringComparison.Ordinal);

    public static readonly NameSet OutsideSources = new(StringComparer.OrdinalIgnoreCase, new[]
    {
        "OutputPath", "OutDir", "IntermediateOutputPath", "BaseOutputPath", "BaseIntermediateOutputPath", "MSBuildProjectExtensionsPath",
        "TargetDir", "TargetPath", "TargetFileName", "ProjectDepsFilePath", "ArtifactsPath", "PublishDir", "PackageOutputPath",
        "MSBuildExtensionsPath", "MSBuildExtensionsPath32", "MSBuildExtensionsPath64", "MSBuildSDKsPath", "MSBuildToolsPath", "MSBuildBinPath",
        "MSBuildFrameworkToolsPath", "NetCoreRoot", "NetCoreTargetingPackRoot", "DOTNET_HOST_PATH", "NuGetPackageRoot", "NuGetPackageFolders",
        "MicrosoftNETBuildTasksDirectory", "UserProfile", "HOME", "TEMP", "TMP", "VSToolsPath", "DocumentationFile",
    });

    public static readonly NameSet SdkProperties = new(StringComparer.OrdinalIgnoreCase, new[]
    {
        "Configuration", "Platform", "PlatformTarget", "TargetFramework", "TargetFrameworks", "TargetFrameworkIdentifier", "TargetFrameworkVersion",
        "TargetFrameworkMoniker", "TargetPlatformIdentifier", "RuntimeIdentifier", "RuntimeIdentifiers", "OutputType", "AssemblyName", "RootNamespace",
        "SolutionDir", "SolutionName", "SolutionPath", "SolutionFileName", "SolutionExt", "VisualStudioVersion", "BuildingInsideVisualStudio",
        "DesignTimeBuild", "BuildingProject", "NETCoreSdkVersion", "NETCoreSdkRuntimeIdentifier", "NETCoreAppMaximumVersion", "OS", "ProjectDir",
        "ProjectName", "ProjectFileName", "ProjectExt", "ProjectPath", "PackageId", "Version", "VersionPrefix", "VersionSuffix", "Language",
        "DefaultLanguageSourceExtension", "IsPackable", "UsingMicrosoftNETSdk", "UsingMicrosoftNETSdkWeb", "ManagePackageVersionsCentrally",
        "ImplicitUsings", "Nullable", "LangVersion", "DebugType", "Optimize", "DefineConstants", "SDKIdentifier",
    });

    /// <summary>
    /// Packages whose build props set <c>IsTestProject</c> to true: Microsoft.NET.Test.Sdk, and MSTest, which depends on
    /// it. A restore's nuget.g.props imports them right after Directory.Build.props (Microsoft.Common.props), so the
    /// value is there from the project body on, not in Directory.Build.props. No file of the SDK sets it otherwise: a
    /// plain project's <c>IsTestProject</c> is empty (.NET SDK 10: only Microsoft.NET.Sdk.targets and the test and pack
    /// targets read it).
    /// </summary>
    public static readonly NameSet TestProjectPackages = new(StringComparer.OrdinalIgnoreCase, new[] { "Microsoft.NET.Test.Sdk", "MSTest" });

    /// <summary>
    /// SDKs whose own props set <c>IsTestProject</c> (after Directory.Build.props) in some of their versions:
    /// MSTest.Sdk's early versions set it to true, later ones leave it to the runner's packages.
    /// </summary>
    public static readonly NameSet TestProjectSdks = new(StringComparer.OrdinalIgnoreCase, new[] { "MSTest.Sdk" });

    /// <summary>
    /// SDKs whose default items are Microsoft.NET.Sdk's alone (<c>Compile</c>, <c>EmbeddedResource</c>, <c>None</c>):
    /// with <c>None</c> off (F#'s default), a file of the folder is an input only when its extension is compiled or
    /// embedded by default. The web, Razor and worker SDKs add <c>Content</c> items of their own, so there every file counts.
    /// </summary>
    public static readonly NameSet PlainDefaultItemSdks = new(StringComparer.OrdinalIgnoreCase, new[] { "Microsoft.NET.Sdk", "Spicetime.Sdk", "MSTest.Sdk" });

    /// <summary>The language of a project file and its <c>DefaultLanguageSourceExtension</c>: .csproj .cs, .vbproj .vb, .fsproj .fs.</summary>
    public static string? SourceExtension(string project) => Path.GetExtension(project).ToLowerInvariant() switch
    {
        ".csproj" => ".cs",
        ".vbproj" => ".vb",
        ".fsproj" => ".fs",
        _ => null,
    };

    public static readonly NameSet NotFiles = new(StringComparer.Ordinal, new[]
    {
        "PackageVersion", "FrameworkReference", "Using", "InternalsVisibleTo", "AssemblyAttribute", "AssemblyMetadata", "ProjectCapability",
        "SupportedPlatform", "Folder", "PackageDownload", "TrimmerRootAssembly", "DotNetCliToolReference", "COMReference", "WebReferences",
        "Service", "BootstrapperPackage", "SupportedTargetFramework", "RuntimeHostConfigurationOption", "NuGetAuditSuppress", "PackageTags",
        "ContainerPort", "ContainerEnvironmentVariable", "ContainerLabel", "Reference", "ProjectReference", "PackageReference",
        "GlobalPackageReference", "NoWarn", "WarningsAsErrors", "ProjectCapabilities", "SourceRoot", "VSTestLogger", "TestingPlatformBuilderHook",
    });

    /// <summary>Item types that matter to nothing the reader records (neither files, nor references, nor packages).</summary>
    public static readonly NameSet Ignored = new(StringComparer.Ordinal, NotFiles.Where(n => n is not ("ProjectReference" or "PackageReference" or "GlobalPackageReference" or "Reference")));

    public static readonly NameSet CommonTargets = new(StringComparer.OrdinalIgnoreCase, new[]
    {
        "Microsoft.Common.targets", "Microsoft.Common.CurrentVersion.targets", "Microsoft.CSharp.targets", "Microsoft.VisualBasic.targets",
        "Microsoft.FSharp.targets", "Microsoft.CSharp.CurrentVersion.targets",
    });

    /// <summary>Microsoft.Common.props imports the files these name, after the nearest Directory.Build.props.</summary>
    public static readonly string[] PropsHooks = { "CustomAfterDirectoryBuildProps", "CustomBeforeMicrosoftCommonProps", "CustomAfterMicrosoftCommonProps" };

    /// <summary>Microsoft.Common.targets and the language targets import the files these name before the nearest Directory.Build.targets.</summary>
    public static readonly string[] TargetsHooksBefore =
    {
        "CustomBeforeMicrosoftCommonTargets", "CustomBeforeMicrosoftCSharpTargets", "CustomBeforeMicrosoftVisualBasicTargets",
        "CustomBeforeMicrosoftFSharpTargets", "CustomBeforeDirectoryBuildTargets",
    };

    /// <summary>… and these after it.</summary>
    public static readonly string[] TargetsHooksAfter =
    {
        "CustomAfterDirectoryBuildTargets", "CustomAfterMicrosoftCommonTargets", "CustomAfterMicrosoftCSharpTargets",
        "CustomAfterMicrosoftVisualBasicTargets", "CustomAfterMicrosoftFSharpTargets",
    };

    /// <summary>SDKs that turn the .NET SDK's default items off (a project on one takes no file of its folder by default).</summary>
    public static readonly NameSet WithoutDefaultItems = new(StringComparer.OrdinalIgnoreCase, new[] { "Microsoft.Build.NoTargets", "Microsoft.Build.Traversal" });

    /// <summary>
    /// Item types the .NET SDK's files give items (or default metadata) at evaluation: default items, implicit
    /// references and usings, analyzers. An item list of one of them holds items the reader cannot list.
    /// </summary>
    public static readonly NameSet SdkItemTypes = new(StringComparer.OrdinalIgnoreCase, new[]
    {
        "Compile", "EmbeddedResource", "None", "Content", "Page", "ApplicationDefinition", "Resource", "AdditionalFiles", "Analyzer",
        "PackageReference", "FrameworkReference", "Reference", "Using", "ProjectCapability", "SupportedTargetFramework", "SupportedPlatform",
        "KnownFrameworkReference", "CompilerVisibleProperty", "CompilerVisibleItemMetadata", "EditorConfigFiles", "GlobalAnalyzerConfigFiles", "Watch",
    });
}
