using FsCheck;
using FsCheck.Fluent;
using OrleansScheduler.PropertyTests.Oracles;

namespace OrleansScheduler.PropertyTests.Generators;

/// <summary>
/// Schedules of every kind with their fields drawn from the field generators: null, unknown kinds, missing fields,
/// fields of another kind left set, and far-future schedules that cannot fire while a test runs.
/// </summary>
public static class JobScheduleGen
{
    /// <summary>Any schedule, null and unknown kinds included.</summary>
    public static Gen<JobSchedule?> Any { get; } = Gen.Frequency(
        (1, Gen.Constant<JobSchedule?>(null)),
        (5, Cron().Select(s => (JobSchedule?)s)),
        (3, Interval().Select(s => (JobSchedule?)s)),
        (2, Once().Select(s => (JobSchedule?)s)),
        (1, Unknown().Select(s => (JobSchedule?)s)));

    /// <summary>
    /// A schedule of any kind drawn from values its rules accept: a well-formed cron in a known zone, a valid
    /// interval with or without an anchor anywhere in time, or a one-shot at any instant.
    /// </summary>
    public static Gen<JobSchedule> Valid { get; } = Gen.OneOf(
        from expression in CronGen.WellFormed
        from zone in TimeZoneGen.Known
        select JobSchedule.FromCron(expression, zone),
        from interval in IntervalGen.Valid
        from anchor in Gen.Frequency((1, Gen.Constant<DateTimeOffset?>(null)), (2, InstantGen.Any.Select(a => (DateTimeOffset?)a)))
        select JobSchedule.Every(interval, anchor),
        from at in InstantGen.Any
        select JobSchedule.Once(at));

    /// <summary>A valid cron expression with a known zone, as a case for the occurrence maths.</summary>
    public static Gen<CronCase> ValidCron { get; } =
        (from expression in CronGen.WellFormed
         from zone in TimeZoneGen.Known
         select new CronCase(expression, zone))
        .Where(c => SpecOracle.IsValidCron(c.Expression));

    /// <summary>
    /// A valid schedule whose first occurrence is at least a day after <paramref name="now"/>: a yearly cron that is
    /// not due within the day, an interval anchored in the future or of a day or more, or a one-shot in the future.
    /// </summary>
    public static Gen<JobSchedule> FarFuture(DateTimeOffset now) => Gen.OneOf(
        from c in CronGen.Yearly
        from zone in TimeZoneGen.Known
        where CronOracle.Next(c, zone, now) is not { } next || next > now.AddDays(1)
        select JobSchedule.FromCron(c, zone),
        from interval in IntervalGen.Valid
        from anchor in InstantGen.FarFuture(now)
        select JobSchedule.Every(interval, anchor),
        from days in Gen.Choose(1, 3650)
        from milliseconds in Gen.Choose(0, 86_399_999)
        select JobSchedule.Every(TimeSpan.FromDays(days) + TimeSpan.FromMilliseconds(milliseconds)),
        from at in InstantGen.FarFuture(now)
        select JobSchedule.Once(at));

    private static Gen<JobSchedule> Cron() =>
        from expression in CronGen.Any
        from zone in TimeZoneGen.Any
        from stray in Stray()
        select stray with { Kind = ScheduleKind.Cron, Cron = expression, TimeZone = zone! };

    private static Gen<JobSchedule> Interval() =>
        from interval in Gen.Frequency((1, Gen.Constant<TimeSpan?>(null)), (9, IntervalGen.Any.Select(i => (TimeSpan?)i)))
        from anchor in Gen.Frequency((1, Gen.Constant<DateTimeOffset?>(null)), (1, InstantGen.Any.Select(i => (DateTimeOffset?)i)))
        from stray in Stray()
        select stray with { Kind = ScheduleKind.Interval, Interval = interval, Anchor = anchor };

    private static Gen<JobSchedule> Once() =>
        from at in Gen.Frequency((1, Gen.Constant<DateTimeOffset?>(null)), (9, InstantGen.Any.Select(i => (DateTimeOffset?)i)))
        from stray in Stray()
        select stray with { Kind = ScheduleKind.Once, At = at };

    private static Gen<JobSchedule> Unknown() =>
        from kind in Gen.Elements(-1, 3, 42, int.MaxValue)
        from stray in Stray()
        select stray with { Kind = (ScheduleKind)kind };

    /// <summary>Usually a bare schedule; sometimes one with fields of other kinds set, which its kind must ignore.</summary>
    private static Gen<JobSchedule> Stray() => Gen.Frequency(
        (4, Gen.Constant(new JobSchedule())),
        (1, from cron in CronGen.Any
            from zone in TimeZoneGen.Any
            from interval in IntervalGen.Any
            from anchor in InstantGen.Any
            from at in InstantGen.Any
            select new JobSchedule { Cron = cron, TimeZone = zone!, Interval = interval, Anchor = anchor, At = at }));
}
