namespace OrleansScheduler.Scheduling;

/// <summary>
/// The rule that a schedule must fire: a cron expression needs an occurrence within <see cref="CronHorizonYears"/>
/// years (<c>0 0 30 2 *</c> has none, ever), and an interval a first occurrence before the end of the calendar, the
/// rule a delay (<c>in</c>) follows too. A one-shot always fires: an instant already past runs at once. Without this
/// rule such a job is stored, listed as active and never runs, and nothing tells the caller.
/// </summary>
public static class ScheduleReach
{
    /// <summary>
    /// How far ahead a cron expression must occur. Cron patterns repeat with the 400-year Gregorian cycle and the
    /// rarest valid one (a 29 February that falls on a given weekday) recurs within 40 years, so an expression without
    /// an occurrence in 100 years has none at all.
    /// </summary>
    public const int CronHorizonYears = 100;

    /// <summary>
    /// Adds a message naming the schedule's field to <paramref name="errors"/> when <paramref name="schedule"/> would
    /// never fire if scheduled at <paramref name="now"/>.
    /// </summary>
    /// <returns>True when the schedule fires.</returns>
    public static bool Check(CompiledSchedule schedule, DateTimeOffset now, ICollection<string> errors)
    {
        var definition = schedule.Schedule;
        switch (definition.Kind)
        {
            case ScheduleKind.Cron:
                var horizon = now <= DateTimeOffset.MaxValue.AddYears(-CronHorizonYears) ? now.AddYears(CronHorizonYears) : DateTimeOffset.MaxValue;
                if (schedule.GetNextOccurrence(now) is not { } next || next > horizon)
                {
                    errors.Add($"cron: \"{definition.Cron}\" never occurs: it has no occurrence in the next {CronHorizonYears} years");
                    return false;
                }

                return true;
            case ScheduleKind.Interval when schedule.GetNextOccurrence(now) is null:
                errors.Add($"every: \"{Duration.Format(definition.Interval ?? TimeSpan.Zero)}\" reaches past the end of the calendar: its first occurrence would fall after {InstantFormat.Format(DateTimeOffset.MaxValue)}");
                return false;
            default:
                return true;
        }
    }
}
