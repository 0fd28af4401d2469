using System.Text.Json;
using OrleansScheduler.Json;

namespace OrleansScheduler.Testing.Fuzzing;

/// <summary>Compares the job a GET answers with the body of the PUT that was accepted: both read with the scheduler's own rules.</summary>
public static class ReadBack
{
    // An "in" is counted from the silo's clock at the PUT, and a start-less interval is anchored there.
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(5);

    /// <summary>What differs, or null when the job is what was sent.</summary>
    public static string? Compare(string id, byte[] sent, string got, DateTimeOffset now)
    {
        var definition = JsonSerializer.Deserialize<JobDefinition>(sent, OschedJson.Options)!;
        var view = JsonSerializer.Deserialize<JobView>(got, OschedJson.Options)!;
        var errors = new List<string>();
        var expected = (definition with { Id = id }).ToSpec(now, errors);
        var actual = new JobDefinition
        {
            // The view prints the zone of every job (UTC for intervals and one-shots); a definition gives it only with cron.
            Id = id, Cron = view.Cron, Every = view.Every, Start = view.Start, At = view.At, Tz = view.Cron is null ? null : view.Tz, Handler = view.Handler,
            Payload = view.Payload, Queue = view.Queue, MaxAttempts = view.MaxAttempts, Misfire = view.Misfire, Overlap = view.Overlap, Timeout = view.Timeout,
        }.ToSpec(now, errors);
        if (expected is null || actual is null)
        {
            return $"the sent or read-back definition does not validate here: {string.Join("; ", errors)}; GET answered {got}";
        }

        var (e, a) = (expected.Schedule, actual.Schedule);
        var differences = new List<string>();
        Differ(differences, "schedule kind", e.Kind, a.Kind);
        Differ(differences, "cron", e.Cron, a.Cron);
        Differ(differences, "tz", e.TimeZone, a.TimeZone);
        Differ(differences, "every", e.Interval, a.Interval);
        if (definition.Start is not null || definition.Every is null)
        {
            Near(differences, "start", e.Anchor, a.Anchor, TimeSpan.FromMilliseconds(1));
        }

        Near(differences, "at", e.At, a.At, definition.In is null ? TimeSpan.FromMilliseconds(1) : ClockSlack);
        Differ(differences, "handler", expected.Handler, actual.Handler);
        Differ(differences, "queue", expected.Queue, actual.Queue);
        Differ(differences, "maxAttempts", expected.MaxAttempts, actual.MaxAttempts);
        Differ(differences, "misfire", expected.Misfire, actual.Misfire);
        Differ(differences, "overlap", expected.Overlap, actual.Overlap);
        Differ(differences, "timeout", expected.Timeout, actual.Timeout);
        if (!SamePayload(expected.Payload, actual.Payload))
        {
            differences.Add($"payload: sent {expected.Payload ?? "none"}, read {actual.Payload ?? "none"}");
        }

        return differences.Count == 0 ? null : $"read back differently: {string.Join("; ", differences)}; GET answered {got}";
    }

    private static void Differ<T>(List<string> differences, string field, T sent, T read)
    {
        if (!EqualityComparer<T>.Default.Equals(sent, read))
        {
            differences.Add($"{field}: sent {sent}, read {read}");
        }
    }

    private static void Near(List<string> differences, string field, DateTimeOffset? sent, DateTimeOffset? read, TimeSpan slack)
    {
        if (sent is null != read is null || (sent is { } s && read is { } r && (s - r).Duration() >= slack))
        {
            differences.Add($"{field}: sent {sent:O}, read {read:O}");
        }
    }

    private static bool SamePayload(string? sent, string? read)
    {
        if (sent is null || read is null)
        {
            return sent is null && read is null;
        }

        using var a = JsonDocument.Parse(sent);
        using var b = JsonDocument.Parse(read);
        return JsonElement.DeepEquals(a.RootElement, b.RootElement);
    }
}
