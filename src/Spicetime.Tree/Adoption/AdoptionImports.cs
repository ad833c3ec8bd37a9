namespace Spicetime.Tree.Adoption;

/// <summary>
/// The lines that turn Spicetime on for every project under a folder without editing them (the "no project edits" form):
/// the one place their text is written. <c>spicetime init</c> adds them and recognises them.
/// </summary>
public static class AdoptionImports
{
    /// <summary>The SDK's name, as <c>global.json</c>'s <c>msbuild-sdks</c> and the imports name it.</summary>
    public const string SdkName = "Spicetime.Sdk";

    /// <summary>
    /// The first child of <c>Directory.Build.props</c>'s <c>&lt;Project&gt;</c>. The condition skips it for a project that
    /// names Spicetime.Sdk itself (<c>Sdk="Spicetime.Sdk"</c>), which would otherwise import it twice (MSB4011).
    /// </summary>
    public const string PropsLine = "<Import Project=\"Sdk.props\" Sdk=\"Spicetime.Sdk\" Condition=\"'$(UsingSpicetimeSdk)' != 'true'\" />";

    /// <summary>The last child of <c>Directory.Build.targets</c>'s <c>&lt;Project&gt;</c>: only where the props line turned Spicetime on.</summary>
    public const string TargetsLine = "<Import Project=\"Sdk.targets\" Sdk=\"Spicetime.Sdk\" Condition=\"'$(SpicetimeSdkForm)' == 'Directory'\" />";
}
