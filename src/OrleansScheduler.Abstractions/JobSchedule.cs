
namespace OrleansScheduler;

/// <summary>When a job fires: a cron expression, a fixed interval, or a single instant.</summary>
/// <remarks>Create instances with <see cref="FromCron"/>, <see cref="Every"/> or <see cref="Once"/>.</remarks>
[GenerateSerializer, Immutable, Alias("osched.JobSchedule")]
public sealed record JobSchedule
{
    /// <summary>The default time zone of cron schedules.</summary>
    public const string DefaultTimeZone = "UTC";

    /// <summary>The shortest interval accepted.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    /// <summary>The kind of schedule.</summary>
    [Id(0)] public ScheduleKind Kind { get; init; }

    /// <summary>The cron expression, for <see cref="ScheduleKind.Cron"/>: 5 fields, or 6 with seconds first.</summary>
    [Id(1)] public string? Cron { get; init; }

    /// <summary>The IANA time zone in which the cron expression is read. Default <c>UTC</c>.</summary>
    [Id(2)] public string TimeZone { get; init; } = DefaultTimeZone;

    /// <summary>The period, for <see cref="ScheduleKind.Interval"/>; at least one second.</summary>
    [Id(3)] public TimeSpan? Interval { get; init; }

    /// <summary>
    /// The instant the interval counts from, for <see cref="ScheduleKind.Interval"/>. Occurrences are
    /// <c>Anchor + k × Interval</c>, so they never drift. When null, the job grain anchors the interval at the
    /// moment it is first scheduled.
    /// </summary>
    [Id(4)] public DateTimeOffset? Anchor { get; init; }

    /// <summary>The instant, for <see cref="ScheduleKind.Once"/>.</summary>
    [Id(5)] public DateTimeOffset? At { get; init; }

    /// <summary>A cron schedule.</summary>
    /// <param name="expression">5 fields (minute precision) or 6 fields (seconds first).</param>
    /// <param name="timeZone">An IANA time zone id such as <c>Europe/Berlin</c>.</param>
    public static JobSchedule FromCron(string expression, string timeZone = DefaultTimeZone) =>
        new() { Kind = ScheduleKind.Cron, Cron = expression, TimeZone = timeZone };

    /// <summary>A fixed-interval schedule.</summary>
    /// <param name="interval">The period; at least one second.</param>
    /// <param name="anchor">The instant the interval counts from; null anchors it when the job is first scheduled.</param>
    public static JobSchedule Every(TimeSpan interval, DateTimeOffset? anchor = null) =>
        new() { Kind = ScheduleKind.Interval, Interval = interval, Anchor = anchor };

    /// <summary>A one-shot schedule. An instant already past runs as soon as the job is scheduled.</summary>
    public static JobSchedule Once(DateTimeOffset at) => new() { Kind = ScheduleKind.Once, At = at };

    /// <summary>A short human-readable description, e.g. <c>cron "0 0 12 * * *" Europe/Berlin</c> or <c>every 5s</c>.</summary>
    public override string ToString() => Kind switch
    {
        ScheduleKind.Cron => $"cron \"{Cron}\" {TimeZone}",
        ScheduleKind.Interval => $"every {Duration.Format(Interval ?? TimeSpan.Zero)}",
        ScheduleKind.Once => $"once at {InstantFormat.Format(At)}",
        _ => Kind.ToString(),
    };
}
