using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Spicetime.Tree.Tests.Cache;

/// <summary>
/// The real turborepo-remote-cache server (npm, ducktors/turborepo-remote-cache 2.12.0) on loopback, with local storage
/// in a folder of its own. Installed on first use into the temp folder (npm's registry); without node or npm the tests
/// that need it are ignored, with the reason. It stops with <see cref="Dispose"/>, and by itself when this process ends
/// (it exits when its standard input closes).
/// </summary>
public sealed class TurborepoCacheServer : IDisposable
{
    public const string Version = "2.12.0";
    private readonly Process _process;

    public Uri Address { get; }

    public string Storage { get; }

    public string Token { get; }

    private TurborepoCacheServer(Process process, Uri address, string storage, string token)
    {
        _process = process;
        Address = address;
        Storage = storage;
        Token = token;
    }

    public static TurborepoCacheServer Start(string token, bool signatures = true)
    {
        var cli = Install();
        var storage = Directory.CreateTempSubdirectory("spicetime-turbo-storage-").FullName;
        var port = FreePort();
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--input-type=module");
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add($"process.stdin.on('end', () => process.exit(0)); process.stdin.resume(); await import({System.Text.Json.JsonSerializer.Serialize(new Uri(cli).AbsoluteUri)});");
        start.Environment["HOST"] = "127.0.0.1";
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["STORAGE_PROVIDER"] = "local";
        start.Environment["STORAGE_PATH"] = storage;
        start.Environment["STORAGE_PATH_USE_TMP_FOLDER"] = "false";
        start.Environment["TURBO_TOKEN"] = token;
        start.Environment["LOG_LEVEL"] = "warn";
        if (signatures)
        {
            start.Environment["TURBO_REMOTE_CACHE_SIGNATURE_KEY"] = "server-stores-tags";
        }

        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new TurborepoCacheServer(process, new Uri($"http://127.0.0.1:{port}/"), storage, token);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Address, "v8/artifacts/status"));
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                if (http.Send(request).StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Thread.Sleep(100);
        }

        server.Dispose();
        throw new InvalidOperationException("turborepo-remote-cache did not start within 30 s");
    }

    /// <summary>The server's artifact file for a key, as its local storage writes it ({storage}/{team}/{key}).</summary>
    public string ArtifactFile(string team, string key) => Path.Combine(Storage, team, key);

    public void Stop()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
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

    private static string Install()
    {
        var prefix = Path.Combine(Path.GetTempPath(), $"spicetime-test-npm-turborepo-remote-cache-{Version}");
        var cli = Path.Combine(prefix, "node_modules", "turborepo-remote-cache", "dist", "cli.js");
        if (File.Exists(cli))
        {
            return cli;
        }

        foreach (var tool in new[] { "node", "npm" })
        {
            if (!OnPath(tool))
            {
                Assert.Ignore($"{tool} is not installed: the remote cache tests need turborepo-remote-cache from npm (README, Tests)");
            }
        }

        var npm = new ProcessStartInfo("npm") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "install", "--prefix", prefix, "--no-audit", "--no-fund", "--silent", $"turborepo-remote-cache@{Version}" })
        {
            npm.ArgumentList.Add(argument);
        }

        using var install = Process.Start(npm)!;
        var output = install.StandardOutput.ReadToEndAsync();
        var error = install.StandardError.ReadToEndAsync();
        install.WaitForExit();
        if (install.ExitCode != 0 || !File.Exists(cli))
        {
            Assert.Ignore($"npm could not install turborepo-remote-cache@{Version}: {output.Result}{error.Result}");
        }

        return cli;
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
