namespace Spicetime.Sdk.Tests;

/// <summary>
/// Runs dotnet with MSBuild's long-lived processes on, as a developer's machine does by default: worker nodes kept
/// between builds (<c>-nr:true</c>) and, with <paramref name="server"/>, the MSBuild server (the main node itself lives
/// on). The processes answer only to this instance (a handshake salt of its own: no other build on the machine attaches
/// to them, and they attach to none), and <see cref="Dispose"/> shuts them down and checks that none is left.
/// </summary>
public sealed class ReusedNodes : IDisposable
{
    private readonly string _salt = "spicetime-test-" + Guid.NewGuid().ToString("N");
    private readonly bool _server;

    public ReusedNodes(bool server)
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("node reuse is tested on Linux (processes found by their environment in /proc)");
        }

        _server = server;
    }

    public override string ToString() => _server ? "node reuse and the MSBuild server" : "node reuse";

    private Dictionary<string, string> Environment => new()
    {
        ["MSBUILDDISABLENODEREUSE"] = "0",
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = _server ? "1" : "0",
        ["MSBUILDNODEHANDSHAKESALT"] = _salt,
        // Each compile in a csc process of its own: a C# compiler server started from here would carry the salt and
        // outlive the shutdown of MSBuild's processes (it is not one of them, and lives on for other builds).
        ["UseSharedCompilation"] = "false",
    };

    /// <summary>An MSBuild verb (build, restore, …) in <paramref name="repo"/> with node reuse on.</summary>
    /// <remarks>
    /// Its output goes to a file, not a pipe: the nodes it starts inherit its standard output and live on, so a pipe
    /// would not reach its end until they are shut down.
    /// </remarks>
    public ProcessResult Dotnet(ConsumerRepo repo, params string[] args) => Dotnet(repo.Root, null, args);

    /// <summary>The same in the folder <paramref name="root"/>, with <paramref name="environment"/> added to the process's.</summary>
    public ProcessResult Dotnet(string root, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var log = Path.Combine(root, $"dotnet-{Guid.NewGuid():N}.log");
        var variables = Environment;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }

        var run = DotnetRun.Run("/bin/sh", root,
            new[] { "-c", "exec dotnet \"$@\" >\"$0\" 2>&1", log }.Concat(args).Append("-nodeReuse:true"), variables);
        return run with { Command = $"dotnet {string.Join(' ', args)} -nodeReuse:true ({this})", Output = run.Output + File.ReadAllText(log) };
    }

    /// <summary>The processes started for this instance that are still running (Linux: their environment names the salt).</summary>
    public IReadOnlyList<int> Running()
    {
        var found = new List<int>();
        if (!OperatingSystem.IsLinux())
        {
            return found;
        }

        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(folder, "environ")).Contains(_salt, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // gone, or not ours to read
            }
        }

        return found;
    }

    /// <summary>Shuts down this instance's nodes and server (with its salt, so no one else's) and fails if one outlives it.</summary>
    public void Dispose()
    {
        DotnetRun.Run("dotnet", SdkPackage.WorkRoot, new[] { "build-server", "shutdown", "--msbuild" }, Environment);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Running().Count > 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(200);
        }

        var left = Running();
        foreach (var pid in left)
        {
            try
            {
                System.Diagnostics.Process.GetProcessById(pid).Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // already gone
            }
        }

        Assert.That(left, Is.Empty, $"MSBuild processes left running after {this} was shut down");
    }
}
