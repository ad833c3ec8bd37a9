using System.Globalization;
using Spicetime.Tests.Fixtures;

namespace Spicetime.Benchmarks;

/// <summary>
/// How soon a graph page (spicetime graph --format html) answers in headless Chromium, from file://: per run a fresh
/// browser; <c>ready</c> is the page's "spicetime-ready" mark (outline and tree drawn, handlers attached, the first
/// fork's details shown), in ms since navigation started; then, in the page, the time a click on a drawn fork takes to
/// show its details and a search to list its results.
/// </summary>
public static class PageTiming
{
    public static async Task<int> RunAsync(string page, int runs)
    {
        var executable = HeadlessChromium.Executable(out var reason);
        if (executable is null)
        {
            Console.Error.WriteLine(reason);
            return 1;
        }

        var url = new Uri(Path.GetFullPath(page)).AbsoluteUri;
        Console.WriteLine($"{"run",-4} {"load event (ms)",16} {"ready (ms)",11} {"fork click (ms)",16} {"search (ms)",12} {"forks drawn",12}");
        var readies = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            await using var browser = await HeadlessChromium.StartAsync(executable);
            await browser.NavigateAsync(url);
            await browser.WaitForAsync("document.body.dataset.ready === 'true'", "the page to be ready");
            var ready = (await browser.EvaluateAsync("performance.getEntriesByName('spicetime-ready')[0].startTime")).GetDouble();
            var load = (await browser.EvaluateAsync("performance.getEntriesByType('navigation')[0].loadEventEnd")).GetDouble();
            var click = (await browser.EvaluateAsync("""
                (() => { const forks = document.querySelectorAll('#graph-canvas .fork'); const fork = forks[forks.length - 1];
                         const t = performance.now(); fork.dispatchEvent(new MouseEvent('click', {bubbles: true}));
                         return performance.now() - t; })()
                """)).GetDouble();
            var search = (await browser.EvaluateAsync("""
                (() => { const input = document.querySelector('#search'); input.value = 'P1';
                         const t = performance.now(); input.dispatchEvent(new Event('input'));
                         return performance.now() - t; })()
                """)).GetDouble();
            var drawn = (await browser.EvaluateAsync("document.querySelectorAll('#graph-canvas .fork').length")).GetInt32();
            var errors = browser.Errors();
            if (errors.Count > 0)
            {
                Console.Error.WriteLine("console errors: " + string.Join("; ", errors));
                return 1;
            }

            readies.Add(ready);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run,-4} {load,16:F0} {ready,11:F0} {click,16:F0} {search,12:F0} {drawn,12}"));
        }

        readies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median ready: {readies[readies.Count / 2]:F0} ms"));
        return 0;
    }
}
