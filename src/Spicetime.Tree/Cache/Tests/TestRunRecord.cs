using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Spicetime.Tree.Cache.Tests;

/// <summary>One test's result in a recorded run.</summary>
public sealed record TestResult(string Name, string Outcome, TimeSpan Duration);

/// <summary>
/// A passing test run, as the cache keeps it under its <see cref="TestRunKey"/>: the counts, the duration and each test's
/// result, read from the run's TRX file. Only a run that completed with no failed, errored or aborted test becomes a
/// record (<see cref="FromTrx"/> answers null otherwise), so a failing run is never replayed as passing.
/// </summary>
public sealed record TestRunRecord(string Assembly, string TargetFramework, int Total, int Passed, int Skipped, TimeSpan Duration,
    IReadOnlyList<TestResult> Results, DateTimeOffset RecordedAt)
{
    public const string Format = "spicetime-test-run/v1";

    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    /// <summary>The record of a TRX file, or null with <paramref name="why"/> when the run did not pass (or the file is not a TRX).</summary>
    public static TestRunRecord? FromTrx(string trx, string assembly, string targetFramework, out string? why)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(trx);
        }
        catch (System.Xml.XmlException e)
        {
            why = $"the run's TRX file could not be read ({e.Message})";
            return null;
        }

        var summary = document.Root?.Element(Trx + "ResultSummary");
        var counters = summary?.Element(Trx + "Counters");
        if (summary is null || counters is null)
        {
            why = "the run's TRX file has no result summary";
            return null;
        }

        int Count(string name) => int.TryParse((string?)counters.Attribute(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var bad = new[] { "failed", "error", "timeout", "aborted", "passedButRunAborted", "disconnected", "inProgress", "pending" }.Where(c => Count(c) > 0).ToList();
        var outcome = (string?)summary.Attribute("outcome") ?? "";
        if (bad.Count > 0 || outcome is "Failed" or "Error" or "Aborted" or "Timeout")
        {
            why = $"the run did not pass ({outcome}{string.Concat(bad.Select(b => $", {b} {Count(b)}"))})";
            return null;
        }

        var results = document.Descendants(Trx + "UnitTestResult")
            .Select(r => new TestResult((string?)r.Attribute("testName") ?? "", (string?)r.Attribute("outcome") ?? "",
                TimeSpan.TryParse((string?)r.Attribute("duration"), CultureInfo.InvariantCulture, out var d) ? d : TimeSpan.Zero))
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        var times = document.Root!.Element(Trx + "Times");
        var duration = DateTimeOffset.TryParse((string?)times?.Attribute("start"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            && DateTimeOffset.TryParse((string?)times?.Attribute("finish"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var finish)
            ? finish - start : TimeSpan.Zero;
        why = null;
        return new TestRunRecord(assembly, targetFramework, Count("total"), Count("passed"),
            results.Count(r => r.Outcome == "NotExecuted"), duration, results, DateTimeOffset.UtcNow);
    }

    /// <summary>The line VSTest prints for a run, marked as the cache's.</summary>
    public string Summary() =>
        $"Passed!  - Failed:     0, Passed: {Passed,5}, Skipped: {Skipped,5}, Total: {Total,5}, Duration: {Describe(Duration)} - {Assembly} ({TargetFramework}) [from the Spicetime cache, recorded {RecordedAt:yyyy-MM-dd HH:mm} UTC]";

    private static string Describe(TimeSpan duration) =>
        duration.TotalSeconds < 1 ? $"{duration.TotalMilliseconds:0} ms" : duration.TotalMinutes < 1 ? $"{duration.TotalSeconds:0.#} s" : $"{(int)duration.TotalMinutes} m {duration.Seconds} s";

    public byte[] ToBytes()
    {
        var results = new JsonArray();
        foreach (var r in Results)
        {
            results.Add((JsonNode)new JsonObject { ["name"] = r.Name, ["outcome"] = r.Outcome, ["ms"] = (long)r.Duration.TotalMilliseconds });
        }

        var json = new JsonObject
        {
            ["format"] = Format, ["assembly"] = Assembly, ["targetFramework"] = TargetFramework, ["total"] = Total, ["passed"] = Passed,
            ["skipped"] = Skipped, ["ms"] = (long)Duration.TotalMilliseconds, ["recorded"] = RecordedAt.ToString("O", CultureInfo.InvariantCulture), ["results"] = results,
        };
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    /// <summary>A record's bytes read back, or null when they are not one (another format, damaged): a miss.</summary>
    public static TestRunRecord? FromBytes(byte[] bytes)
    {
        try
        {
            if (JsonNode.Parse(bytes) is not JsonObject json || (string?)json["format"] != Format || json["results"] is not JsonArray results)
            {
                return null;
            }

            return new TestRunRecord((string?)json["assembly"] ?? "", (string?)json["targetFramework"] ?? "", (int?)json["total"] ?? 0,
                (int?)json["passed"] ?? 0, (int?)json["skipped"] ?? 0, TimeSpan.FromMilliseconds((long?)json["ms"] ?? 0),
                results.OfType<JsonObject>().Select(r => new TestResult((string?)r["name"] ?? "", (string?)r["outcome"] ?? "", TimeSpan.FromMilliseconds((long?)r["ms"] ?? 0))).ToList(),
                DateTimeOffset.TryParse((string?)json["recorded"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : DateTimeOffset.MinValue);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
