using System.Globalization;

namespace OrleansScheduler.Benchmarks.Workloads;

/// <summary>Schedules and instants the workloads share.</summary>
internal static class Schedules
{
    /// <summary>
    /// A daily cron at a minute about twelve hours from <paramref name="now"/>: a job that stays idle for the whole
    /// benchmark, whenever it runs.
    /// </summary>
    public static JobSchedule IdleDaily(DateTimeOffset now)
    {
        var at = now.UtcDateTime.AddHours(12);
        return JobSchedule.FromCron(string.Create(CultureInfo.InvariantCulture, $"0 {at.Minute} {at.Hour} * * *"));
    }

    /// <summary>
    /// An instant in whole milliseconds: the scheduler stores and reports instants in milliseconds, so expected
    /// occurrences compare exactly with stored ones.
    /// </summary>
    public static DateTimeOffset WholeMilliseconds(DateTimeOffset instant) => InstantFormat.ToWholeMilliseconds(instant);

    /// <summary>A job spec for the <c>noop</c> handler.</summary>
    public static JobSpec Noop(JobSchedule schedule) => new() { Schedule = schedule, Handler = "noop" };
}
