namespace OrleansScheduler.Scheduling;

/// <summary>
/// What a job grain still has to do in Redis after its state changed, or after a step failed: the next evaluation does
/// it, and a retry timer keeps evaluating until it is done. Each step is idempotent.
/// </summary>
[Flags]
internal enum PendingWork
{
    /// <summary>Nothing is pending.</summary>
    None = 0,

    /// <summary>The job is not known to be in the jobs index (a new activation heals an interrupted creation).</summary>
    Index = 1,

    /// <summary>A new schedule was stored: its records (last enqueued forgotten, index, due entry) are not written yet, and nothing is enqueued until they are.</summary>
    Definition = 2,

    /// <summary>The last enqueued occurrence in memory may be stale (a new activation, or a call whose outcome is unknown): read it from Redis before planning.</summary>
    ReadLastEnqueued = 4,

    /// <summary>The job's state is gone but its records (index, due entry, last enqueued occurrence, history, counts) may not be.</summary>
    Cleanup = 8,
}
