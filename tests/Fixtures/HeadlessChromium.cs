using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Spicetime.Tests.Fixtures;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, or <c>SPICETIME_CHROMIUM</c>), headless, driven through the DevTools
/// protocol over a WebSocket (System.Net.WebSockets): no browser download, no test library. One page per instance,
/// attached before it loads anything, so every console message and uncaught exception of the page is seen. Used by
/// the graph page's browser tests and by benchmarks/graph-page (Spicetime.Benchmarks' page-timing).
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly ConcurrentQueue<(string Method, JsonElement Params)> _events = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _receiver;
    private int _nextId;
    private string? _session;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>The browser, or null with the reason it is not there (the tests then ignore themselves).</summary>
    public static string? Executable(out string reason)
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("SPICETIME_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser" };
        var found = candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c));
        reason = found is null ? "Chromium is not installed (apt-get install chromium, or set SPICETIME_CHROMIUM): the graph page's browser tests need it" : string.Empty;
        return found;
    }

    /// <summary>Starts the browser (<see cref="Executable"/>) with a page of 1440×900 and attaches to it.</summary>
    public static async Task<HeadlessChromium> StartAsync(string executable)
    {
        var profile = Directory.CreateTempSubdirectory("spicetime-chromium-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                     "--disable-background-networking", "--hide-scrollbars", "--window-size=1440,900",
                     "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        if (OperatingSystem.IsLinux() && Environment.UserName == "root")
        {
            start.ArgumentList.Add("--no-sandbox"); // Chromium refuses to run as root with its sandbox (CI containers)
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var browser = new HeadlessChromium(process, profile);
        try
        {
            await browser.ConnectAsync();
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }

        return browser;
    }

    /// <summary>Console errors, uncaught exceptions and errors the browser logged for the page, as text.</summary>
    public IReadOnlyList<string> Errors() => _events
        .Select(e => e.Method switch
        {
            "Runtime.consoleAPICalled" when e.Params.GetProperty("type").GetString() is "error" or "assert" =>
                "console." + e.Params.GetProperty("type").GetString() + ": " + string.Join(" ", e.Params.GetProperty("args").EnumerateArray().Select(a => a.ToString())),
            "Runtime.exceptionThrown" => "exception: " + e.Params.GetProperty("exceptionDetails").ToString(),
            "Log.entryAdded" when e.Params.GetProperty("entry").GetProperty("level").GetString() == "error" =>
                "log: " + e.Params.GetProperty("entry").GetProperty("text").GetString(),
            _ => null,
        })
        .OfType<string>()
        .ToList();

    private async Task ConnectAsync()
    {
        // Chromium writes the port it chose and the browser's endpoint into the profile once it listens.
        var portFile = Path.Combine(_profile, "DevToolsActivePort");
        var deadline = DateTime.UtcNow + Timeout;
        string[] lines;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Chromium exited with {_process.ExitCode} before it listened");
            }

            lines = File.Exists(portFile) ? File.ReadAllLines(portFile) : Array.Empty<string>();
            if (lines.Length >= 2)
            {
                break;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Chromium did not open its DevTools port");
            }

            await Task.Delay(50);
        }

        await _socket.ConnectAsync(new Uri($"ws://127.0.0.1:{lines[0].Trim()}{lines[1].Trim()}"), CancellationToken.None);
        _receiver = Task.Run(ReceiveAsync);
        var targets = await SendAsync("Target.getTargets", null, browserLevel: true);
        var page = targets.GetProperty("targetInfos").EnumerateArray().First(t => t.GetProperty("type").GetString() == "page");
        var attached = await SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = page.GetProperty("targetId").GetString(), ["flatten"] = true }, browserLevel: true);
        _session = attached.GetProperty("sessionId").GetString();
        await SendAsync("Runtime.enable");
        await SendAsync("Log.enable");
        await SendAsync("Page.enable");
    }

    public async Task<JsonElement> SendAsync(string method, JsonObject? parameters = null, bool browserLevel = false)
    {
        var id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        if (!browserLevel && _session is not null)
        {
            message["sessionId"] = _session;
        }

        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        return await reply.Task.WaitAsync(Timeout);
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                using var json = JsonDocument.Parse(message.ToArray());
                message.SetLength(0);
                var root = json.RootElement.Clone();
                if (root.TryGetProperty("id", out var id) && _pending.TryRemove(id.GetInt32(), out var reply))
                {
                    if (root.TryGetProperty("error", out var error))
                    {
                        reply.SetException(new InvalidOperationException("DevTools: " + error));
                    }
                    else
                    {
                        reply.SetResult(root.GetProperty("result"));
                    }
                }
                else if (root.TryGetProperty("method", out var method))
                {
                    _events.Enqueue((method.GetString()!, root.TryGetProperty("params", out var p) ? p : default));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException)
        {
        }
    }

    /// <summary>Opens <paramref name="url"/> and waits for its load event.</summary>
    public async Task NavigateAsync(string url)
    {
        var before = _events.Count(e => e.Method == "Page.loadEventFired");
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url });
        await WaitAsync(() => Task.FromResult(_events.Count(e => e.Method == "Page.loadEventFired") > before), "the page's load event");
    }

    /// <summary>Evaluates a JavaScript expression in the page (promises awaited) and returns its value.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result.TryGetProperty("exceptionDetails", out var exception))
        {
            throw new InvalidOperationException($"{expression} threw: {exception}");
        }

        return result.GetProperty("result").TryGetProperty("value", out var value) ? value : default;
    }

    public async Task WaitForAsync(string expression, string what)
    {
        await WaitAsync(async () => (await EvaluateAsync($"!!({expression})")).GetBoolean(), what);
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited {Timeout.TotalSeconds} s for {what}");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>A real click (mouse pressed and released) at the centre of the first element <paramref name="selector"/> matches.</summary>
    public async Task ClickAsync(string selector)
    {
        var box = await EvaluateAsync($$"""
            (() => { const e = document.querySelector({{JsonSerializer.Serialize(selector)}}); if (!e) return null;
                     e.scrollIntoView({block: "center"}); const r = e.getBoundingClientRect();
                     return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()
            """);
        if (box.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException($"nothing matches {selector}");
        }

        var x = box.GetProperty("x").GetDouble();
        var y = box.GetProperty("y").GetDouble();
        foreach (var type in new[] { "mouseMoved", "mousePressed", "mouseReleased" })
        {
            await SendAsync("Input.dispatchMouseEvent", new JsonObject { ["type"] = type, ["x"] = x, ["y"] = y, ["button"] = "left", ["clickCount"] = type == "mouseMoved" ? 0 : 1 });
        }
    }

    /// <summary>Presses a key (e.g. "/", "Enter", "ArrowDown") in the focused element.</summary>
    public async Task PressAsync(string key)
    {
        var (code, keyCode, text) = key switch
        {
            "Enter" => ("Enter", 13, "\r"),
            "ArrowDown" => ("ArrowDown", 40, null),
            "ArrowUp" => ("ArrowUp", 38, null),
            "Escape" => ("Escape", 27, null),
            "/" => ("Slash", 191, "/"),
            _ => (key, 0, key),
        };
        var down = new JsonObject { ["type"] = text is null ? "rawKeyDown" : "keyDown", ["key"] = key, ["code"] = code, ["windowsVirtualKeyCode"] = keyCode };
        if (text is not null)
        {
            down["text"] = text;
        }

        await SendAsync("Input.dispatchKeyEvent", down);
        await SendAsync("Input.dispatchKeyEvent", new JsonObject { ["type"] = "keyUp", ["key"] = key, ["code"] = code, ["windowsVirtualKeyCode"] = keyCode });
    }

    public Task TypeAsync(string text) => SendAsync("Input.insertText", new JsonObject { ["text"] = text });

    /// <summary>A PNG of the viewport, written to <paramref name="path"/>.</summary>
    public async Task ScreenshotAsync(string path)
    {
        var shot = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(shot.GetProperty("data").GetString()!));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await SendAsync("Browser.close", null, browserLevel: true).WaitAsync(TimeSpan.FromSeconds(5));
            }
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or WebSocketException)
        {
        }

        _stop.Cancel();
        if (!_process.WaitForExit(5000))
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _socket.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
