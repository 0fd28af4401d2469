using FsCheck;
using FsCheck.Fluent;
using OrleansScheduler.PropertyTests.Support;

namespace OrleansScheduler.PropertyTests.Generators;

/// <summary>A schedule to compile into an error list that already holds <paramref name="EarlierErrors"/> messages.</summary>
public sealed record ScheduleCase(JobSchedule? Schedule, int EarlierErrors)
{
    /// <summary>Any schedule, with zero to two earlier errors.</summary>
    public static Gen<ScheduleCase> Any { get; } =
        from schedule in JobScheduleGen.Any
        from earlier in Gen.Choose(0, 2)
        select new ScheduleCase(schedule, earlier);

    /// <inheritdoc/>
    public override string ToString() => $"{Show.Schedule(Schedule)} after {EarlierErrors} earlier errors";
}
