using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansScheduler.EndToEndTests.Support;

/// <summary>Builds and writes <c>osched apply</c> files.</summary>
public static class ApplyFiles
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly string[] Zones = ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney", "UTC"];

    /// <summary>
    /// Job <paramref name="index"/> of a mixed file: a daily cron job in one of several zones, an hourly interval job,
    /// or a one-shot job a day after <paramref name="now"/>; each with the log handler.
    /// </summary>
    public static JsonObject MixedJob(string id, int index, DateTimeOffset now)
    {
        var job = new JsonObject { ["id"] = id };
        switch (index % 3)
        {
            case 0:
                job["cron"] = string.Create(CultureInfo.InvariantCulture, $"{index % 60} {index % 24} * * *");
                job["tz"] = Zones[index % Zones.Length];
                break;
            case 1:
                job["every"] = string.Create(CultureInfo.InvariantCulture, $"{1 + (index % 12)}h");
                break;
            default:
                job["at"] = Instant.Print(now.AddDays(1).AddMinutes(index));
                break;
        }

        job["handler"] = "log";
        job["payload"] = new JsonObject { ["message"] = id };
        return job;
    }

    /// <summary>A one-shot job at <paramref name="at"/> with the log handler.</summary>
    public static JsonObject OneShotJob(string id, DateTimeOffset at) => new()
    {
        ["id"] = id,
        ["at"] = Instant.Print(at),
        ["handler"] = "log",
        ["payload"] = new JsonObject { ["message"] = id },
    };

    /// <summary>Writes the jobs as a JSON array to <paramref name="directory"/>/<paramref name="name"/> and returns the path.</summary>
    public static string Write(string directory, string name, IEnumerable<JsonObject> jobs)
    {
        var path = Path.Combine(directory, name);
        var array = new JsonArray([.. jobs.Select(j => j.DeepClone())]);
        File.WriteAllText(path, array.ToJsonString(Indented));
        return path;
    }
}
