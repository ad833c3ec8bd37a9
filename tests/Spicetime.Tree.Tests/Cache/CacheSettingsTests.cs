using System.Net;
using Spicetime.Tree.Cache;

namespace Spicetime.Tree.Tests.Cache;

/// <summary>The cache's settings from the environment the caller passes, and the store they open.</summary>
public class CacheSettingsTests
{
    private static readonly string Base = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "spicetime-settings-base"));

    private static CacheSettings From(params (string Name, string? Value)[] variables) =>
        CacheSettings.From(variables.ToDictionary(v => v.Name, v => v.Value));

    [Test]
    public void Without_a_location_the_cache_is_off()
    {
        var settings = From(("SPICETIME_CACHE_TOKEN", "t"), ("SPICETIME_CACHE", "  "));
        Assert.That(settings.Enabled, Is.False);
        using var http = new HttpClient();
        Assert.That(settings.Open(Base, http, out var error), Is.Null);
        Assert.That(error, Is.Null);
    }

    [Test]
    public void A_folder_opens_a_local_store_relative_to_the_base_folder_and_an_explicit_location_wins()
    {
        using var http = new HttpClient();
        var store = From(("SPICETIME_CACHE", "cache/dir")).Open(Base, http, out _);
        Assert.That(store, Is.TypeOf<LocalFolderStore>());
        Assert.That(store!.Describe(), Is.EqualTo(Path.Combine(Base, "cache", "dir")));

        var given = CacheSettings.From(new Dictionary<string, string?> { ["SPICETIME_CACHE"] = "http://ignored.invalid" }, "other", "--cache");
        Assert.That(given.LocationSource, Is.EqualTo("--cache"));
        Assert.That(given.Open(Base, http, out _)!.Describe(), Is.EqualTo(Path.Combine(Base, "other")));

        var file = From(("SPICETIME_CACHE", new Uri(Path.Combine(Base, "f")).AbsoluteUri)).Open("/elsewhere", http, out _);
        Assert.That(file!.Describe(), Is.EqualTo(Path.Combine(Base, "f")), "a file:// URL is a folder");
    }

    [Test]
    public void Another_scheme_is_an_error_naming_the_setting()
    {
        using var http = new HttpClient();
        Assert.That(From(("SPICETIME_CACHE", "s3://bucket/cache")).Open(Base, http, out var error), Is.Null);
        Assert.That(error, Is.EqualTo("SPICETIME_CACHE='s3://bucket/cache' is neither a folder nor an http(s):// URL of a cache server"));
    }

    [Test]
    public void Token_team_and_signature_key_fall_back_to_Turborepos_variables()
    {
        var turbo = From(("SPICETIME_CACHE", "https://cache.example"), ("TURBO_TOKEN", "tt"), ("TURBO_TEAM", "team_x"), ("TURBO_REMOTE_CACHE_SIGNATURE_KEY", "tk"),
            ("SPICETIME_CACHE_TOKEN", ""));
        Assert.That((turbo.Token, turbo.Team, turbo.SignatureKey, turbo.IsRemote), Is.EqualTo(("tt", "team_x", "tk", true)));
        var own = From(("SPICETIME_CACHE_TOKEN", "st"), ("TURBO_TOKEN", "tt"), ("SPICETIME_CACHE_TEAM", "s"), ("TURBO_TEAM", "t"),
            ("SPICETIME_CACHE_SIGNATURE_KEY", "sk"), ("TURBO_REMOTE_CACHE_SIGNATURE_KEY", "tk"));
        Assert.That((own.Token, own.Team, own.SignatureKey), Is.EqualTo(("st", "s", "sk")));
    }

    [TestCase(null, null, true, false)]
    [TestCase("false", null, false, false)]
    [TestCase("FALSE", null, false, false)]
    [TestCase("0", null, false, false)]
    [TestCase("true", null, true, false)]
    [TestCase("1", null, true, false)]
    [TestCase("maybe", null, false, true)]
    [TestCase("true", "false", false, false)]
    [TestCase("false", "true", true, false)]
    public void SPICETIME_CACHE_WRITE_false_only_reads_and_an_unclear_value_reads_only_with_a_warning(string? variable, string? given, bool writes, bool warned)
    {
        var settings = CacheSettings.From(new Dictionary<string, string?> { ["SPICETIME_CACHE"] = "c", ["SPICETIME_CACHE_WRITE"] = variable }, write: given);
        Assert.That(settings.Write, Is.EqualTo(writes));
        Assert.That(settings.Warnings, warned ? Has.One.Contains("'maybe' is neither true nor false") : Is.Empty);
    }

    [Test]
    public void A_read_only_folder_store_writes_nothing()
    {
        var folder = Directory.CreateTempSubdirectory("spicetime-settings-").FullName;
        try
        {
            using var http = new HttpClient();
            var store = From(("SPICETIME_CACHE", folder), ("SPICETIME_CACHE_WRITE", "false")).Open(Base, http, out _)!;
            Assert.That(store.Put(new string('a', 32), new byte[] { 1 }, TimeSpan.Zero), Is.EqualTo(CacheWrite.ReadOnly));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void A_URL_opens_a_remote_store_that_sends_the_token_the_team_and_a_signature()
    {
        var handler = new Recorder();
        using var http = new HttpClient(handler);
        var settings = From(("SPICETIME_CACHE", "https://cache.example/api/"), ("TURBO_TOKEN", "secret"), ("SPICETIME_CACHE_TEAM", "my-team"),
            ("SPICETIME_CACHE_SIGNATURE_KEY", "key"));
        var store = settings.Open(Base, http, out var error);
        Assert.That(store, Is.TypeOf<TurborepoRemoteStore>(), error);
        var key = new string('b', 32);
        Assert.That(store!.Put(key, new byte[] { 1, 2, 3 }, TimeSpan.FromMilliseconds(5)), Is.EqualTo(CacheWrite.Done));
        var request = handler.Requests.Single();
        Assert.That(request.RequestUri!.ToString(), Is.EqualTo($"https://cache.example/api/v8/artifacts/{key}?slug=my-team"));
        Assert.That(request.Headers.Authorization!.ToString(), Is.EqualTo("Bearer secret"));
        Assert.That(request.Headers.GetValues("x-artifact-tag").Single(), Is.EqualTo(new ArtifactSignature("key", "my-team").Tag(key, new byte[] { 1, 2, 3 })));
    }

    private sealed class Recorder : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = new();

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Send(request, cancellationToken));
    }
}
