using Spicetime.Tree.Cache;

namespace Spicetime.Sdk.Tasks.Cache;

/// <summary>The store a build's cache settings name ($(SpicetimeCache), $(SpicetimeCacheWrite) and the environment), opened for one task.</summary>
internal static class CacheTaskStore
{
    /// <summary>
    /// Opens the store (a relative folder is relative to tree.json's folder, the repository), or null with
    /// <paramref name="problem"/> set when the settings name none that can be used.
    /// </summary>
    public static ICacheStore? Open(string location, string? write, string treeDirectory, HttpClient http, out string? problem)
    {
        var settings = CacheSettings.From(Environment.GetEnvironmentVariable, location, "SpicetimeCache", write);
        var store = settings.Open(treeDirectory, http, out problem);
        if (store is not null && settings.Warnings.Count > 0)
        {
            problem = string.Join("; ", settings.Warnings);
        }

        return store;
    }
}
