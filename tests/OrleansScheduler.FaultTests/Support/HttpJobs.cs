using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansScheduler.FaultTests.Support;

/// <summary>Job definitions for <c>osched apply</c> files whose runs call the <see cref="Testing.RunReceiver"/> (built-in <c>http</c> handler).</summary>
public static class HttpJobs
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    /// <summary>A one-shot job at <paramref name="at"/>; <paramref name="maxAttempts"/> null leaves the default (3).</summary>
    public static JsonObject Once(string id, DateTimeOffset at, string url, int? maxAttempts = null)
    {
        var job = new JsonObject
        {
            ["id"] = id,
            ["at"] = Instant.Print(at),
            ["handler"] = "http",
            ["payload"] = Payload(url),
        };
        if (maxAttempts is { } attempts)
        {
            job["maxAttempts"] = attempts;
        }

        return job;
    }

    /// <summary>
    /// An interval job anchored at <paramref name="start"/> (occurrences <c>start + k × every</c>, k ≥ 1), with the
    /// given misfire policy (null: the default, FireOnce).
    /// </summary>
    public static JsonObject Every(string id, string every, DateTimeOffset start, string url, string? misfire = null)
    {
        var job = new JsonObject
        {
            ["id"] = id,
            ["every"] = every,
            ["start"] = Instant.Print(start),
            ["handler"] = "http",
            ["payload"] = Payload(url),
        };
        if (misfire is not null)
        {
            job["misfire"] = misfire;
        }

        return job;
    }

    /// <summary>Writes the jobs as one JSON array to <paramref name="directory"/>/<paramref name="name"/> and returns the path.</summary>
    public static string Write(string directory, string name, IEnumerable<JsonObject> jobs)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, new JsonArray([.. jobs]).ToJsonString(Compact));
        return path;
    }

    private static JsonObject Payload(string url) => new() { ["url"] = url, ["method"] = "POST", ["timeout"] = "60s" };
}
