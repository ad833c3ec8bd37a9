using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Spicetime.Tests.Fixtures;

/// <summary>
/// The real turborepo-remote-cache server (npm, ducktors/turborepo-remote-cache 2.12.0) on loopback (127.0.0.1 only),
/// with local storage in a folder of its own, for the library's remote store tests and the SDK's builds against it.
/// Installed on first use into the temp folder from npm's registry (once per machine: a lock file keeps two test
/// processes from installing at once, and the package is moved into place whole); without node or npm the tests that
/// need it are ignored, with the reason. It stops with <see cref="Stop"/> or <see cref="Dispose"/>, and by itself when
/// this process ends (it exits when its standard input, a pipe from this process, closes). The server logs each request
/// (<see cref="SettledRequests"/>: method, path, status and the client's port, one port a connection).
/// </summary>
internal sealed class TurborepoCacheServer : IDisposable
{
    public const string Version = "2.12.0";

    private readonly List<Request> _requests = new();
    private readonly bool _signatures;
    private readonly int _port;
    private Process _process;

    /// <summary>A request the server logged; <see cref="Status"/> is 0 until it answered.</summary>
    public sealed record Request(string Id, string Method, string Path, int ClientPort)
    {
        public int Status { get; set; }

        /// <summary>The artifact key the path names (<c>/v8/artifacts/{key}</c>), or null for another route.</summary>
        public string? Key => Path.StartsWith("/v8/artifacts/", StringComparison.Ordinal) && Path.Split('?')[0]["/v8/artifacts/".Length..] is var key
            && key.Length >= 16 && key.All(char.IsAsciiHexDigitLower) ? key : null;
    }

    public Uri Address { get; }

    /// <summary>The folder the server keeps artifacts in: <c>{team}/{key}</c> and <c>{team}/{key}.tag</c>.</summary>
    public string Storage { get; }

    public string Token { get; }

    /// <summary>The server's process id (a build that stops it mid-way kills it).</summary>
    public int ProcessId => _process.Id;

    private TurborepoCacheServer(string token, bool signatures, int port, string storage)
    {
        Token = token;
        _signatures = signatures;
        _port = port;
        Storage = storage;
        Address = new Uri($"http://127.0.0.1:{port}/");
        _process = Launch();
    }

    /// <param name="signatures">Keep the x-artifact-tag of each artifact (TURBO_REMOTE_CACHE_SIGNATURE_KEY set on the server).</param>
    public static TurborepoCacheServer Start(string token, bool signatures = true)
    {
        Install();
        var server = new TurborepoCacheServer(token, signatures, FreePort(), Directory.CreateTempSubdirectory("spicetime-turbo-storage-").FullName);
        server.WaitUntilListening();
        return server;
    }

    /// <summary>Starts the server again after <see cref="Stop"/>: the same port and storage (what it held is served again).</summary>
    public void Restart()
    {
        Stop();
        _process.Dispose();
        _process = Launch();
        WaitUntilListening();
    }

    /// <summary>
    /// The artifact requests once the server's log has caught up: no new line for 300 ms and every request answered (or the server stopped)
    /// (its log reaches this process a little after its answers reach the client).
    /// </summary>
    public IReadOnlyList<Request> SettledRequests()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var seen = -1;
        while (true)
        {
            Thread.Sleep(300);
            IReadOnlyList<Request> now;
            lock (_requests)
            {
                now = _requests.ToList();
            }

            if ((now.Count == seen && (_process.HasExited || now.All(r => r.Status != 0))) || DateTime.UtcNow > deadline)
            {
                return now.Where(r => r.Key is not null).ToList();
            }

            seen = now.Count;
        }
    }

    /// <summary>The server's artifact file for a key, as its local storage writes it ({storage}/{team}/{key}).</summary>
    public string ArtifactFile(string team, string key) => Path.Combine(Storage, team, key);

    /// <summary>Every file the server stored (artifacts and their tags).</summary>
    public IReadOnlyList<string> StoredFiles() =>
        Directory.Exists(Storage) ? Directory.GetFiles(Storage, "*", SearchOption.AllDirectories) : Array.Empty<string>();

    public void Stop()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
        try
        {
            Directory.Delete(Storage, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Process Launch()
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--input-type=module");
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add($"process.stdin.on('end', () => process.exit(0)); process.stdin.resume(); await import({JsonSerializer.Serialize(new Uri(Cli).AbsoluteUri)});");
        start.Environment["HOST"] = "127.0.0.1";
        start.Environment["PORT"] = _port.ToString(CultureInfo.InvariantCulture);
        start.Environment["STORAGE_PROVIDER"] = "local";
        start.Environment["STORAGE_PATH"] = Storage;
        start.Environment["STORAGE_PATH_USE_TMP_FOLDER"] = "false";
        start.Environment["TURBO_TOKEN"] = Token;
        start.Environment["LOG_LEVEL"] = "info"; // a line a request: SettledRequests
        start.Environment.Remove("TURBO_REMOTE_CACHE_SIGNATURE_KEY");
        if (_signatures)
        {
            start.Environment["TURBO_REMOTE_CACHE_SIGNATURE_KEY"] = "server-stores-tags";
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void WaitUntilListening()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Address, "v8/artifacts/status"));
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
                if (http.Send(request).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            Thread.Sleep(100);
        }

        Dispose();
        throw new InvalidOperationException($"turborepo-remote-cache did not start on port {_port} within 30 s");
    }

    /// <summary>Reads the server's JSON log lines: "incoming request" (method, url, client port) and "request completed" (status).</summary>
    private void Log(string? line)
    {
        if (line is null || !line.StartsWith('{') || !line.Contains("\"reqId\"", StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var id = root.GetProperty("reqId").GetString()!;
            lock (_requests)
            {
                if (root.TryGetProperty("req", out var req))
                {
                    _requests.Add(new Request(id, req.GetProperty("method").GetString()!, req.GetProperty("url").GetString()!,
                        req.TryGetProperty("remotePort", out var port) ? port.GetInt32() : 0));
                }
                else if (root.TryGetProperty("res", out var res) && _requests.LastOrDefault(r => r.Id == id) is { } request)
                {
                    request.Status = res.GetProperty("statusCode").GetInt32();
                }
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // Another kind of line.
        }
    }

    private static string Prefix => Path.Combine(Path.GetTempPath(), $"spicetime-test-npm-turborepo-remote-cache-{Version}");

    private static string Cli => Path.Combine(Prefix, "node_modules", "turborepo-remote-cache", "dist", "cli.js");

    /// <summary>
    /// Installs the package into the temp folder unless it is there. Test processes run at once (the library's and the
    /// SDK's tests): the first takes a lock file and installs into a folder of its own, moved into place when whole;
    /// the others wait for the lock and find it installed.
    /// </summary>
    private static void Install()
    {
        if (File.Exists(Cli))
        {
            return;
        }

        foreach (var tool in new[] { "node", "npm" })
        {
            if (!OnPath(tool))
            {
                Assert.Ignore($"{tool} is not installed: the remote cache tests need turborepo-remote-cache from npm (README, Set up)");
            }
        }

        using var installing = Lock(Prefix + ".lock");
        if (File.Exists(Cli))
        {
            return;
        }

        var staging = $"{Prefix}.{Environment.ProcessId}.partial";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        var npm = new ProcessStartInfo("npm") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "install", "--prefix", staging, "--no-audit", "--no-fund", "--silent", $"turborepo-remote-cache@{Version}" })
        {
            npm.ArgumentList.Add(argument);
        }

        using var install = Process.Start(npm)!;
        var output = install.StandardOutput.ReadToEndAsync();
        var error = install.StandardError.ReadToEndAsync();
        install.WaitForExit();
        if (install.ExitCode != 0 || !File.Exists(Path.Combine(staging, "node_modules", "turborepo-remote-cache", "dist", "cli.js")))
        {
            Assert.Ignore($"npm could not install turborepo-remote-cache@{Version}: {output.Result}{error.Result}");
        }

        if (Directory.Exists(Prefix))
        {
            Directory.Delete(Prefix, recursive: true); // an install that was cut off before its cli.js
        }

        Directory.Move(staging, Prefix);
    }

    /// <summary>An exclusive lock on <paramref name="file"/> (held until disposed), waiting up to 5 minutes for another process's.</summary>
    private static FileStream Lock(string file)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            try
            {
                return new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(250);
            }
        }
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Any(folder => folder.Length > 0 && File.Exists(Path.Combine(folder, tool)));

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
