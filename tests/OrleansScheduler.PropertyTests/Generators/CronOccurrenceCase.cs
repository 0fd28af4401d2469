using FsCheck;
using FsCheck.Fluent;
using OrleansScheduler.PropertyTests.Support;

namespace OrleansScheduler.PropertyTests.Generators;

/// <summary>
/// A valid cron schedule asked about occurrences after <paramref name="After"/> (often just before one of its zone's
/// DST transitions): the next <paramref name="Count"/>, and those in (After, After + <paramref name="Span"/>] up to
/// <paramref name="Limit"/>.
/// </summary>
public sealed record CronOccurrenceCase(CronCase Cron, DateTimeOffset After, int Count, TimeSpan Span, int Limit)
{
    /// <summary>Any such case; spans from zero to two years, seconds-long ones most often.</summary>
    public static Gen<CronOccurrenceCase> Any { get; } = From(JobScheduleGen.ValidCron);

    /// <summary>The end of the span.</summary>
    public DateTimeOffset To => After + Span;

    /// <inheritdoc/>
    public override string ToString() =>
        $"cron {Cron}, after {Show.Instant(After)}, count {Count}, span {Span} (to {Show.Instant(To)}), limit {Limit}";

    private static Gen<CronOccurrenceCase> From(Gen<CronCase> crons) =>
        from cron in crons
        from after in InstantGen.NearTransitionIn(TimeZoneInfo.FindSystemTimeZoneById(cron.Zone))
        from count in Gen.Choose(1, 20)
        from span in Gen.Frequency(
            (4, Gen.Choose(0, 3_600).Select(s => TimeSpan.FromSeconds(s))),
            (3, Gen.Choose(0, 3 * 24 * 60).Select(m => TimeSpan.FromMinutes(m))),
            (1, Gen.Choose(0, 2 * 366).Select(d => TimeSpan.FromDays(d))))
        from limit in Gen.Frequency((1, Gen.Choose(0, 3)), (3, Gen.Choose(0, 50)))
        select new CronOccurrenceCase(cron, after, count, span, limit);
}
