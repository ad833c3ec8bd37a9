using System.Xml.Linq;

namespace Spicetime.Tree.Cache.Keys;

/// <summary>How a compiler parameter enters a project's compile key.</summary>
public enum ParameterKind
{
    /// <summary>A value (a property): its text, with paths made relative to their root.</summary>
    Value,

    /// <summary>Files the compiler reads (items, or a property naming one file): each path and its content.</summary>
    Files,

    /// <summary>Where the compiler writes: only the path (relative to its root) enters the key; the files are the artifact.</summary>
    Output,

    /// <summary>Changes how the compiler runs or reports, never what it writes: left out of the key.</summary>
    Ignored,
}

/// <summary>One attribute of the <c>Csc</c> call in <c>CoreCompile</c>, with the expression it is given there.</summary>
public sealed record CompilerParameter(string Name, string Expression, ParameterKind Kind, string? Why = null);

/// <summary>
/// Every attribute of the <c>Csc</c> call in the .NET SDK's <c>CoreCompile</c> target (Roslyn's
/// Microsoft.CSharp.Core.targets, SDK 10.0.401), and how each enters a compile key. The key is exactly what the compiler
/// is given: Spicetime.Cache.targets passes these same expressions to the key task (a test holds the two equal), and
/// <see cref="Check"/> compares this table with the SDK that runs the build, so an SDK whose call has a parameter this
/// table does not know, or gives one another expression, builds without the cache instead of with a key that misses an
/// input.
/// </summary>
public static class CompilerParameters
{
    public static IReadOnlyList<CompilerParameter> All { get; } = new CompilerParameter[]
    {
        new("AdditionalLibPaths", "$(AdditionalLibPaths)", ParameterKind.Value),
        new("AddModules", "@(AddModules)", ParameterKind.Files),
        new("AdditionalFiles", "@(AdditionalFiles)", ParameterKind.Files),
        new("AllowUnsafeBlocks", "$(AllowUnsafeBlocks)", ParameterKind.Value),
        new("AnalyzerConfigFiles", "@(EditorConfigFiles)", ParameterKind.Files),
        new("Analyzers", "@(Analyzer)", ParameterKind.Files),
        new("ApplicationConfiguration", "$(AppConfigForCompiler)", ParameterKind.Files),
        new("BaseAddress", "$(BaseAddress)", ParameterKind.Value),
        new("CheckForOverflowUnderflow", "$(CheckForOverflowUnderflow)", ParameterKind.Value),
        new("ChecksumAlgorithm", "$(ChecksumAlgorithm)", ParameterKind.Value),
        new("CodeAnalysisRuleSet", "$(ResolvedCodeAnalysisRuleSet)", ParameterKind.Files),
        new("CodePage", "$(CodePage)", ParameterKind.Value),
        new("DebugType", "$(DebugType)", ParameterKind.Value),
        new("DefineConstants", "$(DefineConstants)", ParameterKind.Value),
        new("DelaySign", "$(DelaySign)", ParameterKind.Value),
        new("DisabledWarnings", "$(NoWarn)", ParameterKind.Value),
        new("DisableSdkPath", "$(DisableSdkPath)", ParameterKind.Value),
        new("DocumentationFile", "@(DocFileItem)", ParameterKind.Output),
        new("EmbedAllSources", "$(EmbedAllSources)", ParameterKind.Value),
        new("EmbeddedFiles", "@(EmbeddedFiles)", ParameterKind.Files),
        new("EmitDebugInformation", "$(DebugSymbols)", ParameterKind.Value),
        new("EnvironmentVariables", "$(CscEnvironment)", ParameterKind.Value),
        new("ErrorEndLocation", "$(ErrorEndLocation)", ParameterKind.Ignored, "how diagnostics are printed"),
        new("ErrorLog", "$(ErrorLog)", ParameterKind.Ignored, "a log of diagnostics beside the outputs"),
        new("ErrorReport", "$(ErrorReport)", ParameterKind.Ignored, "whether a compiler crash is reported"),
        new("Features", "$(Features)", ParameterKind.Value),
        new("InterceptorsNamespaces", "$(InterceptorsNamespaces)", ParameterKind.Value),
        new("InterceptorsPreviewNamespaces", "$(InterceptorsPreviewNamespaces)", ParameterKind.Value),
        new("FileAlignment", "$(FileAlignment)", ParameterKind.Value),
        new("GeneratedFilesOutputPath", "$(CompilerGeneratedFilesOutputPath)", ParameterKind.Output),
        new("GenerateFullPaths", "$(GenerateFullPaths)", ParameterKind.Ignored, "how diagnostics name files"),
        new("HighEntropyVA", "$(HighEntropyVA)", ParameterKind.Value),
        new("Instrument", "$(Instrument)", ParameterKind.Value),
        new("KeyContainer", "$(KeyContainerName)", ParameterKind.Value),
        new("KeyFile", "$(KeyOriginatorFile)", ParameterKind.Files),
        new("LangVersion", "$(LangVersion)", ParameterKind.Value),
        new("LinkResources", "@(LinkResource)", ParameterKind.Files),
        new("MainEntryPoint", "$(StartupObject)", ParameterKind.Value),
        new("ModuleAssemblyName", "$(ModuleAssemblyName)", ParameterKind.Value),
        new("NoConfig", "true", ParameterKind.Value),
        new("NoLogo", "$(NoLogo)", ParameterKind.Ignored, "the compiler's banner"),
        new("NoStandardLib", "$(NoCompilerStandardLib)", ParameterKind.Value),
        new("NoWin32Manifest", "$(NoWin32Manifest)", ParameterKind.Value),
        new("Nullable", "$(Nullable)", ParameterKind.Value),
        new("Optimize", "$(Optimize)", ParameterKind.Value),
        new("Deterministic", "$(Deterministic)", ParameterKind.Value),
        new("PublicSign", "$(PublicSign)", ParameterKind.Value),
        new("OutputAssembly", "@(IntermediateAssembly)", ParameterKind.Output),
        new("OutputRefAssembly", "@(IntermediateRefAssembly)", ParameterKind.Output),
        new("PdbFile", "$(PdbFile)", ParameterKind.Output),
        new("Platform", "$(PlatformTarget)", ParameterKind.Value),
        new("Prefer32Bit", "$(Prefer32Bit)", ParameterKind.Value),
        new("PreferredUILang", "$(PreferredUILang)", ParameterKind.Ignored, "the language of diagnostics"),
        new("ProjectName", "$(MSBuildProjectName)", ParameterKind.Value),
        new("ProvideCommandLineArgs", "$(ProvideCommandLineArgs)", ParameterKind.Ignored, "whether the task returns its command line"),
        new("References", "@(ReferencePathWithRefAssemblies)", ParameterKind.Files),
        new("RefOnly", "$(ProduceOnlyReferenceAssembly)", ParameterKind.Value),
        new("ReportAnalyzer", "$(ReportAnalyzer)", ParameterKind.Ignored, "analyzer timings in the log"),
        new("ReportIVTs", "$(ReportIVTs)", ParameterKind.Ignored, "InternalsVisibleTo details in diagnostics"),
        new("Resources", "@(_CoreCompileResourceInputs);@(CompiledLicenseFile)", ParameterKind.Files),
        new("ResponseFiles", "$(CompilerResponseFile)", ParameterKind.Files),
        new("RuntimeMetadataVersion", "$(RuntimeMetadataVersion)", ParameterKind.Value),
        new("SharedCompilationId", "$(SharedCompilationId)", ParameterKind.Ignored, "which compiler server runs it"),
        new("SkipAnalyzers", "$(_SkipAnalyzers)", ParameterKind.Value),
        new("SkipCompilerExecution", "$(SkipCompilerExecution)", ParameterKind.Value),
        new("Sources", "@(Compile)", ParameterKind.Files),
        new("SubsystemVersion", "$(SubsystemVersion)", ParameterKind.Value),
        new("TargetType", "$(OutputType)", ParameterKind.Value),
        new("TargetFramework", "$(TargetFramework)", ParameterKind.Value),
        new("ToolExe", "$(CscToolExe)", ParameterKind.Value),
        new("ToolPath", "$(CscToolPath)", ParameterKind.Value),
        new("TreatWarningsAsErrors", "$(TreatWarningsAsErrors)", ParameterKind.Value),
        new("UseHostCompilerIfAvailable", "$(UseHostCompilerIfAvailable)", ParameterKind.Ignored, "in-process or out-of-process compiler"),
        new("UseSharedCompilation", "$(UseSharedCompilation)", ParameterKind.Ignored, "whether the compiler server runs it"),
        new("Utf8Output", "$(Utf8Output)", ParameterKind.Ignored, "the encoding of diagnostics"),
        new("VsSessionGuid", "$(VsSessionGuid)", ParameterKind.Ignored, "Visual Studio's session"),
        new("WarningLevel", "$(WarningLevel)", ParameterKind.Value),
        new("WarningsAsErrors", "$(WarningsAsErrors)", ParameterKind.Value),
        new("WarningsNotAsErrors", "$(WarningsNotAsErrors)", ParameterKind.Value),
        new("Win32Icon", "$(ApplicationIcon)", ParameterKind.Files),
        new("Win32Manifest", "$(Win32Manifest)", ParameterKind.Files),
        new("Win32Resource", "$(Win32Resource)", ParameterKind.Files),
        new("PathMap", "$(PathMap)", ParameterKind.Value),
        new("SourceLink", "$(SourceLink)", ParameterKind.Files),
    };

    /// <summary>
    /// What keeps the cache off for a build with this <c>Microsoft.CSharp.Core.targets</c>: null when its
    /// <c>CoreCompile</c> calls <c>Csc</c> with no parameter outside <see cref="All"/> and each with the expression there
    /// (the call's condition aside); otherwise the first difference, in words.
    /// </summary>
    public static string? Check(string coreTargetsText)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(coreTargetsText);
        }
        catch (System.Xml.XmlException e)
        {
            return $"it could not be read ({e.Message})";
        }

        var calls = document.Descendants().Where(e => e.Name.LocalName == "Target" && (string?)e.Attribute("Name") == "CoreCompile")
            .SelectMany(t => t.Descendants().Where(e => e.Name.LocalName == "Csc")).ToList();
        if (calls.Count != 1)
        {
            return $"its CoreCompile target calls Csc {calls.Count} times, not once";
        }

        var known = All.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var given = calls[0].Attributes().Where(a => a.Name.LocalName != "Condition").ToList();
        foreach (var attribute in given)
        {
            if (!known.TryGetValue(attribute.Name.LocalName, out var parameter))
            {
                return $"its Csc call has a parameter this Spicetime does not know: {attribute.Name.LocalName}=\"{attribute.Value}\"";
            }

            if (!string.Equals(Normalize(attribute.Value), Normalize(parameter.Expression), StringComparison.Ordinal))
            {
                return $"its Csc call gives {parameter.Name} \"{attribute.Value}\", not \"{parameter.Expression}\"";
            }
        }

        // A parameter the call no longer has only widens the key (its value is still in it): no reason to stop.
        return null;
    }

    private static string Normalize(string expression) => string.Concat(expression.Where(c => !char.IsWhiteSpace(c)));
}
