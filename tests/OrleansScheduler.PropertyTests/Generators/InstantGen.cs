using FsCheck;
using FsCheck.Fluent;

namespace OrleansScheduler.PropertyTests.Generators;

/// <summary>
/// Instants: anywhere in 1950–2150 with sub-millisecond ticks and a random offset, the extremes of
/// <see cref="DateTimeOffset"/>, and instants just before a time zone's daylight-saving transition.
/// </summary>
public static class InstantGen
{
    private static readonly DateTimeOffset Start = new(1950, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const int Days = 200 * 366;

    /// <summary>An instant in 1950–2150 with any tick and an offset between −14:00 and +14:00.</summary>
    public static Gen<DateTimeOffset> Moderate { get; } =
        from day in Gen.Choose(0, Days)
        from second in Gen.Choose(0, 86_399)
        from ticks in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(0, (int)TimeSpan.TicksPerSecond - 1)))
        from offsetMinutes in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(-14 * 60, 14 * 60)))
        select Start.AddDays(day).AddSeconds(second).AddTicks(ticks).ToOffset(TimeSpan.FromMinutes(offsetMinutes));

    /// <summary>The edges of the representable range, the Unix epoch and a few other round values.</summary>
    public static Gen<DateTimeOffset> Extreme { get; } = Gen.Elements(
        DateTimeOffset.MinValue,
        DateTimeOffset.MinValue.AddTicks(1),
        DateTimeOffset.MinValue.AddMilliseconds(1),
        new DateTimeOffset(1, 1, 1, 5, 0, 0, TimeSpan.FromHours(5)),
        DateTimeOffset.UnixEpoch,
        new DateTimeOffset(2099, 12, 31, 23, 59, 59, TimeSpan.Zero),
        new DateTimeOffset(2500, 1, 1, 0, 0, 0, TimeSpan.Zero),
        DateTimeOffset.MaxValue.AddMilliseconds(-1),
        DateTimeOffset.MaxValue);

    /// <summary>Mostly <see cref="Moderate"/>, sometimes <see cref="Extreme"/>.</summary>
    public static Gen<DateTimeOffset> Any { get; } = Gen.Frequency((9, Moderate), (1, Extreme));

    /// <summary>An instant between one day and a hundred years after <paramref name="now"/>, in whole milliseconds.</summary>
    public static Gen<DateTimeOffset> FarFuture(DateTimeOffset now) =>
        from minutes in Gen.Choose(24 * 60, 100 * 366 * 24 * 60)
        from milliseconds in Gen.Choose(0, 59_999)
        select now.AddMinutes(minutes).AddMilliseconds(milliseconds);

    /// <summary>
    /// Mostly an instant up to a few hours before one of <paramref name="zone"/>'s offset changes (a DST transition)
    /// in 1970–2100, else a <see cref="Moderate"/> one; zones without transitions always give a moderate one.
    /// </summary>
    public static Gen<DateTimeOffset> NearTransitionIn(TimeZoneInfo zone) =>
        from year in Gen.Choose(1970, 2100)
        from lead in Gen.Choose(0, 4 * 3600)
        from useTransition in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        from moderate in Moderate
        let transition = useTransition ? FirstTransition(zone, year) : null
        select transition is { } t ? t.AddSeconds(-lead) : moderate;

    /// <summary>The first instant of <paramref name="year"/> at which <paramref name="zone"/>'s UTC offset changes, if any.</summary>
    public static DateTimeOffset? FirstTransition(TimeZoneInfo zone, int year)
    {
        var month = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 12; i++, month = month.AddMonths(1))
        {
            var next = month.AddMonths(1);
            if (zone.GetUtcOffset(month) == zone.GetUtcOffset(next))
            {
                continue;
            }

            // Bisect to the minute: the offset at `low` is the old one, at `high` the new one.
            var (low, high) = (month, next);
            while (high - low > TimeSpan.FromMinutes(1))
            {
                var middle = low + ((high - low) / 2);
                (low, high) = zone.GetUtcOffset(middle) == zone.GetUtcOffset(low) ? (middle, high) : (low, middle);
            }

            return high;
        }

        return null;
    }
}
