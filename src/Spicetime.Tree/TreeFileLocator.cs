namespace Spicetime.Tree;

/// <summary>Finds tree.json by walking up from a folder, the way global.json is found.</summary>
public static class TreeFileLocator
{
    public const string FileName = "tree.json";

    /// <summary>The nearest tree.json at or above <paramref name="startDirectory"/>, or null.</summary>
    public static string? Find(string startDirectory)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(startDirectory)); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
