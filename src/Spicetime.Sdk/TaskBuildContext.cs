using Microsoft.Build.Framework;
using Spicetime.Tree.Build;

namespace Spicetime.Sdk.Tasks;

/// <summary>
/// Where a task finds its build's <see cref="BuildContext"/>: registered with MSBuild for the build (disposed when the
/// build ends, so a reused node or the MSBuild server starts the next build with a new one: its warnings are reported
/// again), over the node's <see cref="BuildCaches"/>, registered for the process (content-keyed and bounded, so a later
/// build reuses what has not changed). Keys carry the assembly's identity: two versions of the tasks in one process
/// never see each other's objects.
/// </summary>
internal static class TaskBuildContext
{
    private static string Key(string what) =>
        $"Spicetime.{what}|{typeof(BuildContext).Assembly.Location}|{typeof(BuildContext).Assembly.ManifestModule.ModuleVersionId}";

    public static BuildContext Of(IBuildEngine engine)
    {
        if (engine is not IBuildEngine4 registry)
        {
            return new BuildContext(); // a host without registered task objects: each task on its own
        }

        var contextKey = Key(nameof(BuildContext));
        if (registry.GetRegisteredTaskObject(contextKey, RegisteredTaskObjectLifetime.Build) is BuildContext context)
        {
            return context;
        }

        var cachesKey = Key(nameof(BuildCaches));
        // Registration keeps the first object registered under a key: register, then take whichever won.
        if (registry.GetRegisteredTaskObject(cachesKey, RegisteredTaskObjectLifetime.AppDomain) is not BuildCaches caches)
        {
            registry.RegisterTaskObject(cachesKey, new BuildCaches(), RegisteredTaskObjectLifetime.AppDomain, allowEarlyCollection: true);
            caches = registry.GetRegisteredTaskObject(cachesKey, RegisteredTaskObjectLifetime.AppDomain) as BuildCaches ?? new BuildCaches();
        }

        registry.RegisterTaskObject(contextKey, new BuildContext(caches), RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
        return registry.GetRegisteredTaskObject(contextKey, RegisteredTaskObjectLifetime.Build) as BuildContext ?? new BuildContext(caches);
    }

    /// <summary>
    /// The build's one <typeparamref name="T"/> named <paramref name="name"/>, made by the first task that asks and
    /// registered for the build (MSBuild disposes it when the build ends, if it is disposable; a reused node's next build
    /// makes its own). <paramref name="owned"/> is true when the host keeps no task objects: the caller got one of its own
    /// and disposes it.
    /// </summary>
    public static T ForBuild<T>(IBuildEngine engine, string name, Func<T> create, out bool owned)
        where T : class
    {
        owned = false;
        if (engine is not IBuildEngine4 registry)
        {
            owned = true;
            return create();
        }

        var key = Key(name);
        if (registry.GetRegisteredTaskObject(key, RegisteredTaskObjectLifetime.Build) is T existing)
        {
            return existing;
        }

        var made = create();
        registry.RegisterTaskObject(key, made, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
        if (registry.GetRegisteredTaskObject(key, RegisteredTaskObjectLifetime.Build) is T registered)
        {
            if (!ReferenceEquals(registered, made))
            {
                (made as IDisposable)?.Dispose(); // another task registered first: use its object
            }

            return registered;
        }

        owned = true;
        return made;
    }
}
