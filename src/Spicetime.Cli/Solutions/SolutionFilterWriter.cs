using Spicetime.Tree.Json;

namespace Spicetime.Cli.Solutions;

/// <summary>
/// Writes a solution filter (.slnf): the solution's path relative to the filter's folder and the projects relative to
/// the solution's folder, with '\' as Visual Studio writes them (dotnet and MSBuild accept either).
/// </summary>
public static class SolutionFilterWriter
{
    public static string Write(string solutionPath, string filterFolder, IEnumerable<string> projectFullPaths)
    {
        var solutionFolder = Path.GetDirectoryName(solutionPath)!;
        return JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("solution");
            json.WriteString("path", Path.GetRelativePath(filterFolder, solutionPath).Replace('/', '\\'));
            json.WriteStartArray("projects");
            foreach (var project in projectFullPaths)
            {
                json.WriteStringValue(Path.GetRelativePath(solutionFolder, project).Replace('/', '\\'));
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }
}
