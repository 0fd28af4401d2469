namespace OrleansScheduler.Firing;

/// <summary>What the enqueue script did with an occurrence.</summary>
internal enum EnqueueResult
{
    /// <summary>The occurrence had been claimed before: nothing pushed (the exactly-once guard at work).</summary>
    AlreadyEnqueued = 0,

    /// <summary>The run was pushed.</summary>
    Pushed = 1,

    /// <summary>The job's overlap policy is Skip and a run of it was still active: recorded as skipped.</summary>
    SkippedByOverlap = 2,

    /// <summary>
    /// Refused: the occurrence is later than Redis's clock plus <see cref="Hosting.JobSchedulerOptions.MaxClockSkew"/>, so
    /// this silo's clock is ahead. Nothing was written; the occurrence is enqueued once it is due by Redis's clock.
    /// </summary>
    ClockAhead = 3,
}
