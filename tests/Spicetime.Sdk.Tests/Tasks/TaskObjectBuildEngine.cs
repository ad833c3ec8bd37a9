using System.Collections;
using Microsoft.Build.Framework;

namespace Spicetime.Sdk.Tests.Tasks;

/// <summary>
/// An MSBuild engine in-process that keeps registered task objects as a node does: objects registered for the build
/// live until <see cref="EndBuild"/> (which disposes them, as MSBuild does when a build ends), those registered for the
/// process live on, so that one instance stands for a reused node running build after build. Records warnings and messages.
/// </summary>
internal sealed class TaskObjectBuildEngine : IBuildEngine4
{
    private readonly Dictionary<object, object> _build = new();
    private readonly Dictionary<object, object> _process = new();

    public List<BuildWarningEventArgs> Warnings { get; } = new();

    public List<string> Messages { get; } = new();

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "test.proj";

    public bool IsRunningMultipleNodes => false;

    /// <summary>The objects registered for the current build.</summary>
    public IReadOnlyCollection<object> BuildObjects => _build.Values;

    /// <summary>The build ends: its objects are disposed and dropped (the process's stay).</summary>
    public void EndBuild()
    {
        foreach (var value in _build.Values)
        {
            (value as IDisposable)?.Dispose();
        }

        _build.Clear();
    }

    public void RegisterTaskObject(object key, object obj, RegisteredTaskObjectLifetime lifetime, bool allowEarlyCollection) =>
        Objects(lifetime).TryAdd(key, obj);

    public object? GetRegisteredTaskObject(object key, RegisteredTaskObjectLifetime lifetime) =>
        Objects(lifetime).TryGetValue(key, out var value) ? value : null;

    public object? UnregisterTaskObject(object key, RegisteredTaskObjectLifetime lifetime) =>
        Objects(lifetime).Remove(key, out var value) ? value : null;

    public void LogErrorEvent(BuildErrorEventArgs e) => throw new AssertionException($"unexpected error: {e.Code} {e.Message}");

    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);

    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e.Message ?? string.Empty);

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs, string toolsVersion) => false;

    public bool BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IDictionary[] targetOutputsPerProject,
        string[] toolsVersion, bool useResultsCache, bool unloadProjectsOnCompletion) => false;

    public BuildEngineResult BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties,
        IList<string>[] removeGlobalProperties, string[] toolsVersion, bool returnTargetOutputs) => new(false, null);

    public void Yield()
    {
    }

    public void Reacquire()
    {
    }

    private Dictionary<object, object> Objects(RegisteredTaskObjectLifetime lifetime) =>
        lifetime == RegisteredTaskObjectLifetime.Build ? _build : _process;
}
