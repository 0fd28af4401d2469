using System.Text.Json;
using OrleansScheduler.Scheduling;
using OrleansScheduler.Validation;

namespace OrleansScheduler.Json;

/// <summary>
/// A job as written in an <c>osched apply</c> file or an HTTP request body: camelCase fields named like the CLI
/// options, exactly one of <c>cron</c>, <c>every</c>, <c>at</c> or <c>in</c>.
/// </summary>
public sealed record JobDefinition
{
    /// <summary>The job id.</summary>
    public string? Id { get; init; }

    /// <summary>A cron expression (5 fields, or 6 with seconds first).</summary>
    public string? Cron { get; init; }

    /// <summary>An interval such as <c>1s</c>, <c>5m</c>, <c>1h30m</c>.</summary>
    public string? Every { get; init; }

    /// <summary>An ISO 8601 instant with an offset, for a one-shot job.</summary>
    public string? At { get; init; }

    /// <summary>A delay from now, for a one-shot job; resolved to an instant when the definition is read.</summary>
    public string? In { get; init; }

    /// <summary>The IANA time zone of a cron expression. Default <c>UTC</c>.</summary>
    public string? Tz { get; init; }

    /// <summary>For an interval, the ISO 8601 instant it counts from; default: when the job is first scheduled.</summary>
    public string? Start { get; init; }

    /// <summary>The handler name.</summary>
    public string? Handler { get; init; }

    /// <summary>Any JSON value, handed to the handler as data.</summary>
    public JsonElement? Payload { get; init; }

    /// <summary>The queue. Default <c>default</c>.</summary>
    public string? Queue { get; init; }

    /// <summary>Attempts per run. Default 3.</summary>
    public int? MaxAttempts { get; init; }

    /// <summary><c>FireOnce</c> (default), <c>FireAll</c> or <c>Skip</c>.</summary>
    public string? Misfire { get; init; }

    /// <summary><c>Allow</c> (default) or <c>Skip</c>.</summary>
    public string? Overlap { get; init; }

    /// <summary>How long one attempt may run, e.g. <c>30s</c>.</summary>
    public string? Timeout { get; init; }

    /// <summary>
    /// Converts the definition to a spec, adding one message per broken rule to <paramref name="errors"/>.
    /// Checks every rule <see cref="JobSpecValidator"/> checks, plus the definition's own (one schedule, parseable
    /// values without control characters) and that the schedule fires when scheduled at <paramref name="now"/>
    /// (<see cref="ScheduleReach"/>).
    /// </summary>
    /// <param name="now">The instant <c>in</c> counts from, and an interval without <c>start</c>.</param>
    /// <param name="errors">Receives the broken rules.</param>
    /// <returns>The spec, or null when any rule is broken.</returns>
    public JobSpec? ToSpec(DateTimeOffset now, ICollection<string> errors)
    {
        var before = errors.Count;
        var schedule = ReadSchedule(now, errors);
        var misfire = ReadEnum(Misfire, "misfire", MisfirePolicy.FireOnce, errors);
        var overlap = ReadEnum(Overlap, "overlap", OverlapPolicy.Allow, errors);
        TimeSpan? timeout = null;
        if (Timeout is not null)
        {
            timeout = ReadDuration(Timeout, "timeout", errors);
        }

        var spec = new JobSpec
        {
            // A schedule that could not be read is already reported; the stand-in lets every other rule be checked too.
            Schedule = schedule ?? JobSchedule.Once(now),
            Handler = Handler ?? "",
            Payload = Payload is { ValueKind: not JsonValueKind.Undefined } payload ? payload.GetRawText() : null,
            Queue = Queue ?? JobSpec.DefaultQueue,
            MaxAttempts = MaxAttempts ?? JobSpec.DefaultMaxAttempts,
            Misfire = misfire,
            Overlap = overlap,
            Timeout = timeout,
        };
        foreach (var error in JobSpecValidator.Validate(Id, spec))
        {
            errors.Add(error);
        }

        if (errors.Count == before && schedule is not null)
        {
            // Checked here, where "now" is known, as well as by the job grain: an apply file is refused as a whole.
            ScheduleReach.Check(CompiledSchedule.Compile(schedule), now, errors);
        }

        return errors.Count == before && schedule is not null ? spec : null;
    }

    /// <summary>The definition of an existing job, in the same shape an apply file uses.</summary>
    public static JobDefinition FromSpec(string id, JobSpec spec)
    {
        var schedule = spec.Schedule;
        return new JobDefinition
        {
            Id = id,
            Cron = schedule.Kind == ScheduleKind.Cron ? schedule.Cron : null,
            Tz = schedule.Kind == ScheduleKind.Cron ? schedule.TimeZone : null,
            Every = schedule.Kind == ScheduleKind.Interval ? Duration.Format(schedule.Interval ?? TimeSpan.Zero) : null,
            Start = schedule.Kind == ScheduleKind.Interval ? InstantFormat.Format(schedule.Anchor) : null,
            At = schedule.Kind == ScheduleKind.Once ? InstantFormat.Format(schedule.At) : null,
            Handler = spec.Handler,
            Payload = spec.Payload is null ? null : JsonDocument.Parse(spec.Payload).RootElement.Clone(),
            Queue = spec.Queue,
            MaxAttempts = spec.MaxAttempts,
            Misfire = spec.Misfire.ToString(),
            Overlap = spec.Overlap.ToString(),
            Timeout = spec.Timeout is { } t ? Duration.Format(t) : null,
        };
    }

    private JobSchedule? ReadSchedule(DateTimeOffset now, ICollection<string> errors)
    {
        var given = new List<string>(4);
        if (Cron is not null) given.Add("cron");
        if (Every is not null) given.Add("every");
        if (At is not null) given.Add("at");
        if (In is not null) given.Add("in");
        if (given.Count != 1)
        {
            errors.Add(given.Count == 0
                ? "schedule: none given; give exactly one of cron, every, at or in"
                : $"schedule: {string.Join(", ", given)} conflict; give exactly one of cron, every, at or in");
            return null;
        }

        if (Tz is not null && Cron is null)
        {
            errors.Add("tz: applies only to a cron schedule");
        }

        if (Start is not null && Every is null)
        {
            errors.Add("start: applies only to an every schedule");
        }

        switch (given[0])
        {
            case "cron":
                return JobSchedule.FromCron(Cron!, Tz ?? JobSchedule.DefaultTimeZone);
            case "every":
                var interval = ReadDuration(Every!, "every", errors);
                DateTimeOffset? anchor = null;
                if (Start is not null && ControlCharacters.Check("start", Start, errors))
                {
                    if (InstantFormat.TryParse(Start, out var start))
                    {
                        anchor = start;
                    }
                    else
                    {
                        errors.Add($"start: \"{Start}\" is not an ISO 8601 instant with an offset (e.g. 2026-12-01T08:00:00Z)");
                    }
                }

                return interval is null ? null : JobSchedule.Every(interval.Value, anchor);
            case "at":
                if (!ControlCharacters.Check("at", At, errors))
                {
                    return null;
                }

                if (InstantFormat.TryParse(At, out var at))
                {
                    return JobSchedule.Once(at);
                }

                errors.Add($"at: \"{At}\" is not an ISO 8601 instant with an offset (e.g. 2026-12-01T08:00:00Z)");
                return null;
            default:
                var delay = ReadDuration(In!, "in", errors);
                if (delay is { } value && DateTimeOffset.MaxValue - now < value)
                {
                    errors.Add($"in: \"{In}\" reaches past the end of the calendar");
                    return null;
                }

                return delay is null ? null : JobSchedule.Once(now + delay.Value);
        }
    }

    private static TimeSpan? ReadDuration(string text, string field, ICollection<string> errors)
    {
        if (!ControlCharacters.Check(field, text, errors))
        {
            return null;
        }

        if (Duration.TryParse(text, out var value))
        {
            return value;
        }

        errors.Add($"{field}: \"{text}\" is not a duration; use e.g. 500ms, 5s, 2m, 1h, 1d or 1h30m (each unit once, the larger first)");
        return null;
    }

    private static T ReadEnum<T>(string? text, string field, T fallback, ICollection<string> errors)
        where T : struct, Enum
    {
        if (text is null)
        {
            return fallback;
        }

        if (!ControlCharacters.Check(field, text, errors))
        {
            return fallback;
        }

        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }

        errors.Add($"{field}: \"{text}\" is not one of {string.Join(", ", Enum.GetNames<T>())}");
        return fallback;
    }
}
