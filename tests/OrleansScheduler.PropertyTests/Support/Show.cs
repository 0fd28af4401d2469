using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrleansScheduler.PropertyTests.Support;

/// <summary>Prints generated values for counterexamples: strings escaped and quoted, long ones cut, instants exact.</summary>
public static class Show
{
    private static readonly JsonSerializerOptions Escaping = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A string as a quoted, escaped literal (null as <c>null</c>), cut to 120 characters with its length.</summary>
    public static string Text(string? value) => value switch
    {
        null => "null",
        { Length: > 120 } cut => JsonSerializer.Serialize(cut[..120], Escaping) + $"…({cut.Length} chars)",
        _ => JsonSerializer.Serialize(value, Escaping),
    };

    /// <summary>An instant with every tick and its offset.</summary>
    public static string Instant(DateTimeOffset? value) =>
        value?.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture) ?? "null";

    /// <summary>A schedule with every field.</summary>
    public static string Schedule(JobSchedule? schedule) => schedule is null
        ? "null"
        : $"{{Kind={(int)schedule.Kind}({schedule.Kind}), Cron={Text(schedule.Cron)}, TimeZone={Text(schedule.TimeZone)}, " +
          $"Interval={schedule.Interval?.Ticks.ToString(CultureInfo.InvariantCulture) ?? "null"} ticks, Anchor={Instant(schedule.Anchor)}, At={Instant(schedule.At)}}}";

    /// <summary>A spec with every field, the payload cut.</summary>
    public static string Spec(JobSpec? spec) => spec is null
        ? "null"
        : $"{{Schedule={Schedule(spec.Schedule)}, Handler={Text(spec.Handler)}, Payload={Text(spec.Payload)}, Queue={Text(spec.Queue)}, " +
          $"MaxAttempts={spec.MaxAttempts}, Misfire={(int)spec.Misfire}, Overlap={(int)spec.Overlap}, Timeout={spec.Timeout?.Ticks.ToString(CultureInfo.InvariantCulture) ?? "null"} ticks}}";
}
