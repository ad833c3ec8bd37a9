using Spicetime.Tree.Cache;
using Spicetime.Tree.Diagnostics;
using Task = Microsoft.Build.Utilities.Task;

namespace Spicetime.Sdk.Tasks.Cache;

/// <summary>
/// The store a build's cache settings name ($(SpicetimeCache), $(SpicetimeCacheWrite) and the environment), opened for one
/// task call. A server is reached through the build's one <see cref="CacheClient"/> (registered for the build: every
/// project's requests share its connections, and a server it found unreachable is not asked again in this build).
/// </summary>
internal sealed class CacheTaskStore : IDisposable
{
    private readonly CacheClient? _owned;

    private CacheTaskStore(ICacheStore? store, string? problem, CacheClient? owned)
    {
        Store = store;
        Problem = problem;
        _owned = owned;
    }

    /// <summary>The store, or null when the settings name none that can be used (<see cref="Problem"/> says why).</summary>
    public ICacheStore? Store { get; }

    public string? Problem { get; }

    /// <summary>
    /// Opens the store (a relative folder is relative to tree.json's folder, the repository). A setting read but not
    /// understood (<c>SPICETIME_CACHE_WRITE=maybe</c>: then only read) is SPT0900, once per build.
    /// </summary>
    public static CacheTaskStore Open(Task task, string projectFile, string location, string? write, string treeDirectory)
    {
        var settings = CacheSettings.From(Environment.GetEnvironmentVariable, location, "SpicetimeCache", write);
        CacheClient? owned = null;
        var store = settings.Open(treeDirectory, () =>
        {
            var client = TaskBuildContext.ForBuild(task.BuildEngine, nameof(CacheClient), () => new CacheClient(), out var own);
            owned = own ? client : null;
            return client;
        }, out var problem);

        if (store is not null && settings.Warnings.Count > 0)
        {
            var message = string.Join("; ", settings.Warnings);
            if (TaskBuildContext.Of(task.BuildEngine).FirstReport(DiagnosticCodes.CacheUnavailable.Create(message, null, SourcePosition.None)))
            {
                MSBuildDiagnostics.Log(task.Log, DiagnosticCodes.CacheUnavailable, projectFile, SourcePosition.None, message);
            }
        }

        return new CacheTaskStore(store, problem, owned);
    }

    public void Dispose() => _owned?.Dispose();
}
