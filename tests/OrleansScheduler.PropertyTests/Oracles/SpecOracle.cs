using System.Text;
using System.Text.Json;
using Cronos;

namespace OrleansScheduler.PropertyTests.Oracles;

/// <summary>
/// The validation rules of README "Scheduling rules" and <see cref="JobSpec"/>'s docs, written again without the
/// product's code: which fields of a job id and spec break a rule. Cron is judged by Cronos itself and zones by
/// <see cref="TimeZoneInfo.TryFindSystemTimeZoneById"/>, as the README promises.
/// </summary>
public static class SpecOracle
{
    /// <summary>Every field name a rejection message may start with.</summary>
    public static readonly IReadOnlySet<string> FieldNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "spec", "schedule", "cron", "tz", "every", "at", "handler", "queue", "payload", "maxAttempts", "misfire", "overlap", "timeout",
    };

    /// <summary>The fields of <paramref name="id"/> and <paramref name="spec"/> that break a rule; empty when both are valid.</summary>
    public static SortedSet<string> BrokenFields(string? id, JobSpec? spec)
    {
        var broken = new SortedSet<string>(StringComparer.Ordinal);
        Check(broken, "id", IsValidName(id, 200));
        if (spec is null)
        {
            broken.Add("spec");
            return broken;
        }

        broken.UnionWith(ScheduleFields(spec.Schedule));
        Check(broken, "handler", IsValidName(spec.Handler, 100));
        Check(broken, "queue", IsValidName(spec.Queue, 100));
        Check(broken, "payload", spec.Payload is null || IsValidPayload(spec.Payload));
        Check(broken, "maxAttempts", spec.MaxAttempts is >= 1 and <= 100);
        Check(broken, "misfire", (int)spec.Misfire is 0 or 1 or 2);
        Check(broken, "overlap", (int)spec.Overlap is 0 or 1);
        Check(broken, "timeout", spec.Timeout is not { } t || (t >= TimeSpan.FromMilliseconds(1) && t <= TimeSpan.FromDays(1)));
        return broken;
    }

    /// <summary>1 to <paramref name="maxLength"/> characters, each one of <c>A–Z a–z 0–9 . _ : -</c>.</summary>
    public static bool IsValidName(string? name, int maxLength) =>
        name is { Length: > 0 } && name.Length <= maxLength && name.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or ':' or '-');

    /// <summary>At most 64 KiB as UTF-8, and one JSON value as System.Text.Json reads it by default (depth ≤ 64, no comments, no trailing commas).</summary>
    public static bool IsValidPayload(string payload)
    {
        if (Utf8Length(payload) > 64 * 1024)
        {
            return false;
        }

        byte[] bytes;
        try
        {
            // Text with a lone surrogate is not Unicode text, so not JSON text either.
            bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetBytes(payload);
        }
        catch (EncoderFallbackException)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 64 });
            while (reader.Read())
            {
            }

            return reader.BytesConsumed > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Not blank, no control character (tab and newline included), and either a macro (<c>@…</c>) or 5 fields
    /// (Cronos' standard format) or 6 (seconds first) that Cronos parses.
    /// </summary>
    public static bool IsValidCron(string? expression) => ParseCron(expression) is not null;

    /// <summary>The expression as Cronos parses it under the field-count rule, or null when the rule or Cronos rejects it.</summary>
    public static CronExpression? ParseCron(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression) || expression.Any(char.IsControl))
        {
            return null;
        }

        var trimmed = expression.Trim();
        var fields = trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        CronFormat format;
        if (trimmed.StartsWith('@'))
        {
            format = CronFormat.Standard;
        }
        else if (fields is 5 or 6)
        {
            format = fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        }
        else
        {
            return null;
        }

        return CronExpression.TryParse(trimmed, format, out var parsed) ? parsed : null;
    }

    /// <summary>
    /// Not blank, no control character, a zone this machine knows, and an IANA id: not a Windows id, and not one of the
    /// zone database's host files (<c>localtime</c>, <c>posixrules</c>, <c>Factory</c>, <c>posix/…</c>, <c>right/…</c>).
    /// </summary>
    public static bool IsKnownTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && !id.Any(char.IsControl) &&
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId &&
        !new[] { "localtime", "posixrules", "Factory" }.Contains(id, StringComparer.OrdinalIgnoreCase) &&
        !id.StartsWith("posix/", StringComparison.OrdinalIgnoreCase) && !id.StartsWith("right/", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The field of a valid <paramref name="schedule"/> that says it would never fire if scheduled at
    /// <paramref name="now"/>, or null: a cron expression with no occurrence in the next 100 years, or an interval whose
    /// first occurrence (from its anchor, else from now) is past <see cref="DateTimeOffset.MaxValue"/>.
    /// </summary>
    public static string? NeverFires(JobSchedule schedule, DateTimeOffset now)
    {
        switch (schedule.Kind)
        {
            case ScheduleKind.Cron:
                return CronOracle.Next(schedule.Cron!, schedule.TimeZone, now) is { } next && next <= now.AddYears(100) ? null : "cron";
            case ScheduleKind.Interval:
                var (origin, k) = new IntervalOracle(schedule.Interval!.Value, schedule.Anchor).First(now);
                var first = new System.Numerics.BigInteger(origin.UtcTicks) + (k * new System.Numerics.BigInteger(schedule.Interval.Value.Ticks));
                return first > DateTimeOffset.MaxValue.UtcTicks ? "every" : null;
            default:
                return null;
        }
    }

    /// <summary>The fields of <paramref name="schedule"/> that break a rule: those of its kind only.</summary>
    public static SortedSet<string> ScheduleFields(JobSchedule? schedule)
    {
        var broken = new SortedSet<string>(StringComparer.Ordinal);
        switch (schedule?.Kind)
        {
            case null:
                broken.Add("schedule");
                break;
            case ScheduleKind.Cron:
                Check(broken, "cron", IsValidCron(schedule.Cron));
                Check(broken, "tz", IsKnownTimeZone(schedule.TimeZone));
                break;
            case ScheduleKind.Interval:
                Check(broken, "every", schedule.Interval is { } i && i >= TimeSpan.FromSeconds(1) && i.Ticks % 10_000 == 0);
                break;
            case ScheduleKind.Once:
                Check(broken, "at", schedule.At is not null && schedule.At >= DateTimeOffset.UnixEpoch);
                break;
            default:
                broken.Add("schedule");
                break;
        }

        return broken;
    }

    /// <summary>UTF-8 length counted by hand: a lone surrogate counts as the 3-byte replacement character.</summary>
    private static int Utf8Length(string text)
    {
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                length += 4;
                i++;
            }
            else
            {
                length += c switch { < '\u0080' => 1, < '\u0800' => 2, _ => 3 };
            }
        }

        return length;
    }

    private static void Check(SortedSet<string> broken, string field, bool valid)
    {
        if (!valid)
        {
            broken.Add(field);
        }
    }
}
