using Cronos;

namespace OrleansScheduler.Scheduling;

/// <summary>
/// A validated <see cref="JobSchedule"/> ready for occurrence maths: the cron expression parsed once and the
/// time zone resolved. Cron follows Cronos' daylight-saving rules: a time in the spring-forward gap runs at the
/// first valid instant after it, and a fixed time in the repeated autumn hour runs once.
/// </summary>
public sealed class CompiledSchedule
{
    private readonly CronExpression? _cron;
    private readonly TimeZoneInfo _zone;

    private CompiledSchedule(JobSchedule schedule, CronExpression? cron, TimeZoneInfo zone)
    {
        Schedule = schedule;
        _cron = cron;
        _zone = zone;
    }

    /// <summary>The schedule this was compiled from.</summary>
    public JobSchedule Schedule { get; }

    /// <summary>Compiles a schedule, or throws <see cref="JobValidationException"/> naming every broken rule.</summary>
    public static CompiledSchedule Compile(JobSchedule schedule)
    {
        var errors = new List<string>();
        var compiled = TryCompile(schedule, errors);
        return compiled ?? throw new JobValidationException(errors);
    }

    /// <summary>Compiles a schedule, adding one message per broken rule to <paramref name="errors"/>.</summary>
    /// <returns>The compiled schedule, or null when a rule was broken.</returns>
    public static CompiledSchedule? TryCompile(JobSchedule? schedule, ICollection<string> errors)
    {
        if (schedule is null)
        {
            errors.Add("schedule: is required (one of cron, every, at or in)");
            return null;
        }

        var before = errors.Count;
        CronExpression? cron = null;
        var zone = TimeZoneInfo.Utc;
        switch (schedule.Kind)
        {
            case ScheduleKind.Cron:
                cron = CronParser.TryParse(schedule.Cron, errors);
                zone = TimeZones.TryFind(schedule.TimeZone, errors) is { } found ? TimeZones.ForCron(found) : zone;
                break;
            case ScheduleKind.Interval:
                if (schedule.Interval is not { } interval)
                {
                    errors.Add("every: is required for an interval schedule");
                }
                else if (interval < JobSchedule.MinimumInterval)
                {
                    errors.Add($"every: \"{Duration.Format(interval)}\" is below the minimum interval of 1s");
                }
                else if (interval.Ticks % TimeSpan.TicksPerMillisecond != 0)
                {
                    errors.Add($"every: {interval} is not a whole number of milliseconds");
                }

                break;
            case ScheduleKind.Once:
                if (schedule.At is null)
                {
                    errors.Add("at: is required for a one-shot schedule");
                }
                else if (schedule.At < DateTimeOffset.UnixEpoch)
                {
                    // Occurrences are stored and compared as Unix milliseconds.
                    errors.Add($"at: \"{InstantFormat.Format(schedule.At.Value)}\" is before 1970-01-01T00:00:00Z, the earliest instant accepted");
                }

                break;
            default:
                errors.Add($"schedule: unknown kind {(int)schedule.Kind}");
                break;
        }

        return errors.Count == before ? new CompiledSchedule(schedule, cron, zone) : null;
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null when there is none.</summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after)
    {
        switch (Schedule.Kind)
        {
            case ScheduleKind.Cron:
                return NextCronOccurrence(after.ToUniversalTime());
            case ScheduleKind.Interval:
                var anchor = (Schedule.Anchor ?? after).ToUniversalTime();
                var period = Schedule.Interval!.Value.Ticks;
                if (after < anchor)
                {
                    return anchor;
                }

                var steps = ((after - anchor).Ticks / period) + 1;
                // An occurrence past the end of the calendar means there is none.
                return steps > (DateTimeOffset.MaxValue.UtcTicks - anchor.UtcTicks) / period ? null : anchor.AddTicks(steps * period);
            case ScheduleKind.Once:
                return Schedule.At > after ? Schedule.At.Value.ToUniversalTime() : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The next cron occurrence strictly after <paramref name="after"/>. At some offset changes Cronos can answer with an
    /// instant at or before the one asked about (zones with negative daylight saving time; Europe/Dublin is mapped to an
    /// equivalent zone for that reason, see <see cref="TimeZones.ForCron"/>); asking again from a little later gets past
    /// it, so a schedule always advances, at worst skipping an occurrence at such a change.
    /// </summary>
    private DateTimeOffset? NextCronOccurrence(DateTimeOffset after)
    {
        var from = after;
        foreach (var nudge in (ReadOnlySpan<TimeSpan>)[TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), TimeSpan.FromHours(1), TimeSpan.FromHours(3)])
        {
            from = after + nudge;
            if (_cron!.GetNextOccurrence(from, _zone) is not { } next)
            {
                return null;
            }

            if (next.ToUniversalTime() > after)
            {
                return next.ToUniversalTime();
            }
        }

        return null;
    }

    /// <summary>The occurrences in (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>], oldest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<DateTimeOffset> GetOccurrences(DateTimeOffset fromExclusive, DateTimeOffset toInclusive, int limit)
    {
        var result = new List<DateTimeOffset>();
        var cursor = fromExclusive;
        while (result.Count < limit && GetNextOccurrence(cursor) is { } next && next <= toInclusive)
        {
            result.Add(next);
            cursor = next;
        }

        return result;
    }

    /// <summary>
    /// The latest occurrence in (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>] and how many
    /// occurrences the span holds. Cron spans are counted up to <paramref name="maxScan"/> occurrences; beyond that the
    /// count is a lower bound (<c>CountIsExact</c> false) and the latest is found by scanning back from the end.
    /// </summary>
    public (DateTimeOffset? Latest, long Count, bool CountIsExact) GetLatestOccurrence(
        DateTimeOffset fromExclusive, DateTimeOffset toInclusive, int maxScan = 100_000)
    {
        var (recent, count, exact) = GetRecentOccurrences(fromExclusive, toInclusive, 1, maxScan);
        return (recent.Count == 0 ? null : recent[^1], count, exact);
    }

    /// <summary>
    /// The last <paramref name="take"/> occurrences in (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>],
    /// oldest first, and how many the span holds in all. Interval spans are computed, not scanned; cron spans are
    /// counted up to <paramref name="maxScan"/> occurrences, beyond which the count is a lower bound
    /// (<c>CountIsExact</c> false) and the recent ones are found by scanning back from the end.
    /// </summary>
    public (IReadOnlyList<DateTimeOffset> Recent, long Count, bool CountIsExact) GetRecentOccurrences(
        DateTimeOffset fromExclusive, DateTimeOffset toInclusive, int take, int maxScan = 100_000)
    {
        if (toInclusive <= fromExclusive || take < 1)
        {
            return ([], 0, true);
        }

        if (Schedule.Kind == ScheduleKind.Interval)
        {
            if (GetNextOccurrence(fromExclusive) is not { } first || first > toInclusive)
            {
                return ([], 0, true);
            }

            var period = Schedule.Interval!.Value.Ticks;
            var count = ((toInclusive - first).Ticks / period) + 1;
            var skip = Math.Max(0, count - take);
            var recent = new List<DateTimeOffset>((int)Math.Min(take, count));
            for (var k = skip; k < count; k++)
            {
                recent.Add(first.AddTicks(k * period));
            }

            return (recent, count, true);
        }

        var scanned = GetOccurrences(fromExclusive, toInclusive, maxScan);
        if (scanned.Count < maxScan)
        {
            return (scanned.Count <= take ? scanned : [.. scanned.Skip(scanned.Count - take)], scanned.Count, true);
        }

        // Too many to count: look back from the end over doubling windows until one holds enough occurrences.
        take = Math.Min(take, maxScan - 1);
        for (var window = TimeSpan.FromSeconds(1); ; window *= 2)
        {
            var windowStart = toInclusive - fromExclusive > window ? toInclusive - window : fromExclusive;
            var tail = GetOccurrences(windowStart, toInclusive, maxScan);
            if (tail.Count >= take && tail.Count < maxScan)
            {
                return ([.. tail.Skip(tail.Count - take)], scanned.Count, false);
            }

            if (tail.Count >= maxScan || windowStart == fromExclusive)
            {
                // Windows never held between take and maxScan occurrences (a pathological schedule): the best known.
                return ([.. tail.Skip(Math.Max(0, tail.Count - take))], scanned.Count, false);
            }
        }
    }

    /// <summary>The next <paramref name="count"/> occurrences strictly after <paramref name="after"/>.</summary>
    public IReadOnlyList<DateTimeOffset> GetNextOccurrences(DateTimeOffset after, int count) =>
        GetOccurrences(after, DateTimeOffset.MaxValue, count);
}
