using FsCheck;
using FsCheck.Fluent;

namespace OrleansScheduler.PropertyTests.Generators;

/// <summary>Periods from zero to days, with sub-millisecond ticks, negatives, the edges of the rule and of <see cref="TimeSpan"/>.</summary>
public static class IntervalGen
{
    /// <summary>Whole-millisecond periods so long that the first occurrence after today is past <see cref="DateTimeOffset.MaxValue"/>.</summary>
    public static Gen<TimeSpan> BeyondTheCalendar { get; } = Gen.Elements(
        TimeSpan.FromDays(8_000 * 366),
        TimeSpan.FromMilliseconds((long)TimeSpan.MaxValue.TotalMilliseconds));

    /// <summary>A valid interval: whole milliseconds, from one second to ten days, biased to short ones.</summary>
    public static Gen<TimeSpan> Valid { get; } = Gen.Frequency(
        (1, Gen.Constant(TimeSpan.FromSeconds(1))),
        (4, Gen.Choose(1_000, 120_000).Select(ms => TimeSpan.FromMilliseconds(ms))),
        (3, Gen.Choose(1, 10 * 24 * 3600).SelectMany(s => Gen.Choose(0, 999).Select(ms => TimeSpan.FromSeconds(s) + TimeSpan.FromMilliseconds(ms)))));

    /// <summary>
    /// Any period: valid ones, zero, negatives, below a second, sub-millisecond ticks on either side of the minimum,
    /// <see cref="TimeSpan.MinValue"/>/<see cref="TimeSpan.MaxValue"/>, and valid periods longer than the calendar
    /// (<see cref="BeyondTheCalendar"/>).
    /// </summary>
    public static Gen<TimeSpan> Any { get; } = Gen.Frequency(
        (6, Valid),
        (1, Gen.Elements(TimeSpan.Zero, TimeSpan.FromTicks(1), TimeSpan.FromTicks(-1), TimeSpan.MinValue, TimeSpan.MaxValue,
            TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1), TimeSpan.FromSeconds(1) + TimeSpan.FromTicks(1), TimeSpan.FromSeconds(-1))),
        (2, Gen.Choose(0, 999).Select(ms => TimeSpan.FromMilliseconds(ms))),
        (2, from valid in Valid from ticks in Gen.Choose(1, (int)TimeSpan.TicksPerMillisecond - 1) select valid + TimeSpan.FromTicks(ticks)),
        (1, Valid.Select(v => -v)),
        (1, BeyondTheCalendar));
}
