using System.Text.Json;
using Spicetime.Cli.Tests.Commands;

namespace Spicetime.Cli.Tests.Browser;

/// <summary>
/// The graph page in a real browser (headless Chromium through the DevTools protocol, <see cref="HeadlessChromium"/>),
/// opened from file://: it loads without console errors, a click on a fork shows its entries with provenance and an
/// entry's why chain, the affected overlay marks exactly the projects of <c>spicetime affected --format json</c>, and
/// search finds a package. Each test keeps a screenshot as an attachment. Without Chromium they are ignored.
/// </summary>
[NonParallelizable]
public class GraphPageBrowserTests
{
    private GraphPageRepository _repo = null!;

    [OneTimeSetUp]
    public void CreateRepository()
    {
        if (HeadlessChromium.Executable(out var reason) is null)
        {
            Assert.Ignore(reason);
        }

        _repo = new GraphPageRepository();
    }

    [OneTimeTearDown]
    public void RemoveRepository() => _repo?.Dispose();

    private static string Url(string page) => new Uri(page).AbsoluteUri;

    private static async Task Screenshot(HeadlessChromium browser, string name)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"graph-page-{name}.png");
        await browser.ScreenshotAsync(path);
        TestContext.AddTestAttachment(path, $"the graph page: {name}");
    }

    private static async Task<HeadlessChromium> Open(string page)
    {
        var executable = HeadlessChromium.Executable(out var reason);
        if (executable is null)
        {
            Assert.Ignore(reason);
        }

        var browser = await HeadlessChromium.StartAsync(executable!);
        await browser.NavigateAsync(Url(page));
        await browser.WaitForAsync("document.body.dataset.ready === 'true'", "the page to be ready");
        return browser;
    }

    private static async Task<string> Text(HeadlessChromium browser, string selector) =>
        (await browser.EvaluateAsync($"(document.querySelector({JsonSerializer.Serialize(selector)}) || {{}}).textContent || ''")).GetString()!;

    [Test]
    public async Task Clicking_a_fork_shows_its_entries_with_provenance_and_an_entry_its_why_chain()
    {
        var page = _repo.WritePage("browse.html");
        await using var browser = await Open(page);
        Assert.That(browser.Errors(), Is.Empty, "the page loads without console errors");
        Assert.That(await Text(browser, "#details-title"), Is.EqualTo("release"), "the root is selected first");

        await browser.ClickAsync("#graph-canvas .fork[data-branch='beta']");
        await browser.WaitForAsync("document.querySelector('#details-title').textContent === 'beta'", "beta's details");
        var row = "#details table[data-kind='packages'] tr[data-key='Newtonsoft.Json']";
        Assert.That(await Text(browser, row + " td:nth-child(2)"), Is.EqualTo("13.0.1"));
        Assert.That(await Text(browser, row + " td.provenance"),
            Does.Contain("beta (inline override #1)").And.Contain("replaced 13.0.3 from release/shared"));
        Assert.That(await Text(browser, "#details table[data-kind='properties'] tr[data-key='Nullable'] td.provenance"), Does.Contain("release/shared"));
        Assert.That(await Text(browser, "#details"), Does.Not.Contain("Serilog"), "beta inherits only 'shared'");
        Assert.That(await Text(browser, "#details"), Does.Contain("forks/beta/B1/B1.csproj"), "its projects");
        Assert.That((await browser.EvaluateAsync("document.querySelector('#details .diag[data-code=SPT0504] a').href")).GetString(),
            Does.EndWith("docs/errors.md#spt0504"), "its stale override, linked to its help");

        await browser.ClickAsync(row + " button.key");
        await browser.WaitForAsync("!document.querySelector('#why').hidden", "the why chain");
        var steps = await browser.EvaluateAsync("Array.from(document.querySelectorAll('#why li')).map(li => li.textContent)");
        Assert.That(steps.EnumerateArray().Select(s => s.GetString()), Has.Exactly(3).Items);
        Assert.That(steps[0].GetString(), Does.Contain("release sets 13.0.3 in scope 'shared'"));
        var onPath = await browser.EvaluateAsync("Array.from(document.querySelectorAll('.fork.on-path')).map(g => g.dataset.branch).sort()");
        Assert.That(onPath.EnumerateArray().Select(b => b.GetString()), Is.EqualTo(new[] { "beta", "release" }), "the chain drawn through the tree");
        Assert.That((await browser.EvaluateAsync("document.querySelectorAll('.edge.on-path').length")).GetInt32(), Is.EqualTo(1));
        Assert.That((await browser.EvaluateAsync("location.hash")).GetString(), Is.EqualTo("#fork=beta&entry=packages%3ANewtonsoft.Json"));
        await Screenshot(browser, "why");

        // Dark mode follows prefers-color-scheme: a dark background and light text.
        await browser.SendAsync("Emulation.setEmulatedMedia", new System.Text.Json.Nodes.JsonObject
        {
            ["features"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["name"] = "prefers-color-scheme", ["value"] = "dark" }),
        });
        var colours = await browser.EvaluateAsync("[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]");
        Assert.That(colours[0].GetString(), Is.EqualTo("rgb(13, 17, 23)"));
        Assert.That(colours[1].GetString(), Is.EqualTo("rgb(230, 237, 243)"));
        await Screenshot(browser, "why-dark");
        Assert.That(browser.Errors(), Is.Empty);
    }

    [Test]
    public async Task The_affected_overlay_marks_exactly_the_projects_of_affected_json()
    {
        var page = _repo.WritePage("affected.html", "--base", "HEAD~1");
        var affected = CliRun.In(_repo.Root, "affected", "--base", "HEAD~1", "--format", "json");
        Assert.That(affected.ExitCode, Is.EqualTo(0), affected.ToString());
        using var json = JsonDocument.Parse(affected.Output);
        var expected = json.RootElement.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("path").GetString()).Order().ToList();
        var expectedForks = json.RootElement.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("branch").GetString())
            .Concat(json.RootElement.GetProperty("branches").EnumerateArray().Select(b => b.GetProperty("branch").GetString())).Distinct().Order().ToList();
        Assert.That(expected, Is.Not.Empty);

        await using var browser = await Open(page);
        Assert.That(browser.Errors(), Is.Empty);
        await browser.ClickAsync("#outline-expand");
        var marked = await browser.EvaluateAsync("Array.from(document.querySelectorAll('#outline-tree [data-project][data-affected=true]')).map(li => li.dataset.project).sort()");
        Assert.That(marked.EnumerateArray().Select(p => p.GetString()), Is.EqualTo(expected), "the outline marks exactly affected's projects");
        var listed = await browser.EvaluateAsync("Array.from(document.querySelectorAll('#affected-projects > li')).map(li => li.dataset.project).sort()");
        Assert.That(listed.EnumerateArray().Select(p => p.GetString()), Is.EqualTo(expected), "the overlay's list is affected's");
        var forks = await browser.EvaluateAsync("Array.from(document.querySelectorAll('#graph-canvas .fork.affected')).map(g => g.dataset.branch).sort()");
        Assert.That(forks.EnumerateArray().Select(b => b.GetString()), Is.EqualTo(expectedForks), "the tree marks the forks of those projects");
        Assert.That(await Text(browser, "#affected-projects"), Does.Contain("referenced by").Or.Contain("references"), "each project with its reason chain");

        await browser.ClickAsync("#affected-projects button.link");
        await browser.WaitForAsync("document.querySelector('#details-title').textContent === 'alpha'", "the affected project's fork");
        await Screenshot(browser, "affected");

        await browser.ClickAsync("#overlay-toggle");
        Assert.That((await browser.EvaluateAsync("document.querySelectorAll('[data-affected=true], .fork.affected').length")).GetInt32(), Is.Zero, "the overlay turns off");
        Assert.That(browser.Errors(), Is.Empty);
    }

    [Test]
    public async Task Search_finds_a_package_from_the_keyboard()
    {
        var page = _repo.WritePage("search.html");
        await using var browser = await Open(page);
        await browser.EvaluateAsync("document.activeElement && document.activeElement.blur()");
        await browser.PressAsync("/");
        await browser.WaitForAsync("document.activeElement && document.activeElement.id === 'search'", "'/' to focus the search");
        await browser.TypeAsync("serilog");
        await browser.WaitForAsync("!document.querySelector('#search-results').hidden", "the results");
        var first = await browser.EvaluateAsync("(() => { const o = document.querySelector('#search-results [aria-selected=true]'); return o && [o.dataset.kind, o.textContent]; })()");
        Assert.That(first[0].GetString(), Is.EqualTo("package"));
        Assert.That(first[1].GetString(), Does.Contain("Serilog").And.Contain("2 forks"));
        await Screenshot(browser, "search");

        await browser.PressAsync("Enter");
        await browser.WaitForAsync("!document.querySelector('#why').hidden", "the package's why chain");
        Assert.That(await Text(browser, "#details-title"), Is.EqualTo("release"));
        Assert.That(await Text(browser, "#why"), Does.Contain("release sets [4.0.0,5.0.0) in scope 'infra'"));

        // A project by part of its path; Enter opens its fork with the project shown.
        await browser.ClickAsync("#search");
        await browser.EvaluateAsync("document.querySelector('#search').value = ''");
        await browser.TypeAsync("B1.csproj");
        await browser.WaitForAsync("document.querySelector('#search-results [aria-selected=true]')?.dataset.kind === 'project'", "a project result");
        await browser.PressAsync("Enter");
        await browser.WaitForAsync("document.querySelector('#details-title').textContent === 'beta'", "B1's fork");
        Assert.That((await browser.EvaluateAsync("document.querySelector('#outline-tree [data-project=\"forks/beta/B1/B1.csproj\"]').getAttribute('aria-selected')")).GetString(), Is.EqualTo("true"));

        // The outline from the keyboard: from the root, down to its first child fork, Enter selects it.
        await browser.EvaluateAsync("document.querySelector('#outline-tree > li').focus()");
        await browser.PressAsync("ArrowDown");
        await browser.PressAsync("Enter");
        await browser.WaitForAsync("document.querySelector('#details-title').textContent === 'alpha'", "the fork chosen with the keyboard");
        Assert.That(browser.Errors(), Is.Empty);
    }

    [Test]
    public async Task Every_control_has_an_accessible_name()
    {
        var page = _repo.WritePage("names.html", "--base", "HEAD~1");
        await using var browser = await Open(page);
        var unnamed = await browser.EvaluateAsync("""
            Array.from(document.querySelectorAll('button, input, [role=button], [role=treeitem], [role=combobox], a'))
              .filter(e => !e.hidden && !(e.getAttribute('aria-label') || e.textContent.trim() || (e.id && document.querySelector('label[for=' + e.id + ']'))))
              .map(e => e.outerHTML.substring(0, 80))
            """);
        Assert.That(unnamed.EnumerateArray().Select(e => e.GetString()), Is.Empty);
    }
}
