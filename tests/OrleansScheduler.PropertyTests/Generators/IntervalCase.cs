using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using OrleansScheduler.PropertyTests.Support;

namespace OrleansScheduler.PropertyTests.Generators;

/// <summary>
/// A valid interval schedule (anchored or not) asked about occurrences after <paramref name="After"/>: the next
/// <paramref name="Count"/>, and those in (After, <paramref name="To"/>] up to <paramref name="Limit"/>.
/// </summary>
public sealed record IntervalCase(TimeSpan Interval, DateTimeOffset? Anchor, DateTimeOffset After, int Count, DateTimeOffset To, int Limit)
{
    /// <summary>
    /// Any such case in 1950–2150: the start before, at or after the anchor; the end anywhere from before the start
    /// to two centuries later.
    /// </summary>
    public static Gen<IntervalCase> Any { get; } =
        from interval in IntervalGen.Valid
        from anchor in Gen.Frequency((1, Gen.Constant<DateTimeOffset?>(null)), (4, InstantGen.Moderate.Select(a => (DateTimeOffset?)a)))
        from after in Gen.Frequency(
            (4, InstantGen.Moderate),
            (1, Gen.Constant(anchor ?? DateTimeOffset.UnixEpoch)),
            (1, Gen.Choose(-3, 3).Select(k => (anchor ?? DateTimeOffset.UnixEpoch) + (k * interval) + TimeSpan.FromTicks(k % 2))))
        from count in Gen.Choose(1, 200)
        from to in Gen.Frequency(
            (2, InstantGen.Moderate),
            (2, Gen.Choose(0, 1_000_000).Select(s => after + TimeSpan.FromSeconds(s))),
            (1, Gen.Choose(-2, 5).Select(k => after + (k * interval))))
        from limit in Gen.Choose(0, 100)
        select new IntervalCase(interval, anchor, after, count, to, limit);

    /// <summary>The schedule.</summary>
    public JobSchedule Schedule => JobSchedule.Every(Interval, Anchor);

    /// <inheritdoc/>
    public override string ToString() =>
        $"every {Interval} ({Interval.Ticks.ToString(CultureInfo.InvariantCulture)} ticks) from {Show.Instant(Anchor)}, after {Show.Instant(After)}, " +
        $"count {Count}, to {Show.Instant(To)}, limit {Limit}";
}
