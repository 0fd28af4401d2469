namespace OrleansScheduler;

/// <summary>The kind of schedule a job follows.</summary>
public enum ScheduleKind
{
    /// <summary>A cron expression (5 fields, or 6 with seconds) in an IANA time zone.</summary>
    Cron = 0,

    /// <summary>A fixed interval, anchored to a start instant so it does not drift.</summary>
    Interval = 1,

    /// <summary>A single instant.</summary>
    Once = 2,
}
