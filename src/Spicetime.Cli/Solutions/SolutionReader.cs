using Spicetime.Tree.Paths;
using System.Text.Json;
using Microsoft.VisualStudio.SolutionPersistence.Model;
using Microsoft.VisualStudio.SolutionPersistence.Serializer;

namespace Spicetime.Cli.Solutions;

/// <summary>The projects of a solution (.sln, .slnx, or the .slnf filter of one), read with the SDK's own solution library.</summary>
public static class SolutionReader
{
    /// <summary>Full paths of the solution's projects, or null with <paramref name="error"/> set.</summary>
    public static IReadOnlyList<string>? Projects(string path, out string error)
    {
        error = string.Empty;
        if (!File.Exists(path))
        {
            error = $"the solution {path} does not exist";
            return null;
        }

        try
        {
            if (path.EndsWith(".slnf", StringComparison.OrdinalIgnoreCase))
            {
                using var filter = JsonDocument.Parse(File.ReadAllBytes(path));
                var solution = filter.RootElement.GetProperty("solution");
                var folder = Path.GetDirectoryName(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, Normalize(solution.GetProperty("path").GetString()!))))!;
                return solution.GetProperty("projects").EnumerateArray()
                    .Select(p => Path.GetFullPath(Path.Combine(folder, Normalize(p.GetString()!))))
                    .ToList();
            }

            var serializer = SolutionSerializers.GetSerializerByMoniker(path);
            if (serializer is null)
            {
                error = $"{path} is not a solution (.sln, .slnx or .slnf)";
                return null;
            }

            var model = serializer.OpenAsync(path, CancellationToken.None).GetAwaiter().GetResult();
            var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            return model.SolutionProjects.Select(p => Path.GetFullPath(Path.Combine(directory, Normalize(p.FilePath)))).ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or SolutionException or ArgumentException or IOException)
        {
            error = $"{path} cannot be read as a solution: {e.Message}";
            return null;
        }
    }

    /// <summary>The one .sln/.slnx in <paramref name="folder"/>, or null when there is none or more than one.</summary>
    public static string? FindSingle(string folder)
    {
        var solutions = Directory.EnumerateFiles(folder, "*.sln").Concat(Directory.EnumerateFiles(folder, "*.slnx")).ToList();
        return solutions.Count == 1 ? solutions[0] : null;
    }

    private static string Normalize(string path) => RepositoryPath.Normalize(path);
}
