namespace Spicetime.Tree.Cache.Keys;

/// <summary>
/// Which key the outputs in a project's intermediate folder belong to (<c>spicetime.cache-outputs</c>, written after a
/// hit wrote them or a compile made them), so that a build whose key has not changed neither asks the store nor stores.
/// </summary>
public static class CacheMarker
{
    public const string FileName = "spicetime.cache-outputs";

    public static bool Holds(CompileArtifact artifact, string key)
    {
        var marker = Path.Combine(artifact.Intermediate, FileName);
        if (!artifact.AllPresent() || !File.Exists(marker))
        {
            return false;
        }

        // Outputs newer than the marker were written by something else (a compile the cache did not see).
        var written = File.GetLastWriteTimeUtc(marker);
        return string.Equals(File.ReadAllText(marker).Trim(), key, StringComparison.Ordinal)
            && artifact.Files.All(f => File.GetLastWriteTimeUtc(f.File) <= written);
    }

    public static void Write(CompileArtifact artifact, string key)
    {
        var marker = Path.Combine(artifact.Intermediate, FileName);
        Build.GeneratedFile.WriteIfChanged(marker, key + "\n");

        // Its time is set, not left to the file system: no earlier than any output's. A restore stamps the outputs with
        // DateTime.UtcNow, and a file system that stamps writes from a coarser clock (Linux's, a tick behind) can give
        // the marker written a moment later an earlier time; a marker older than its outputs vouches for nothing, and
        // the next build would restore the same outputs again instead of finding them current.
        var newest = artifact.Files.Select(f => File.GetLastWriteTimeUtc(f.File)).Append(DateTime.UtcNow).Max();
        File.SetLastWriteTimeUtc(marker, newest);
    }
}
