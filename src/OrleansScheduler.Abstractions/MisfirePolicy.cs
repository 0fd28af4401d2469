namespace OrleansScheduler;

/// <summary>What a job does with the occurrences it missed while no silo could fire it (a crash, a full cluster stop).</summary>
/// <remarks>Pausing is not a misfire: a resumed job continues from the moment it was resumed.</remarks>
public enum MisfirePolicy
{
    /// <summary>Run once for all missed occurrences (the latest one); the others are recorded as skipped. The default.</summary>
    FireOnce = 0,

    /// <summary>Run every missed occurrence, oldest first, up to the scheduler's misfire bound; the rest are recorded as skipped.</summary>
    FireAll = 1,

    /// <summary>Run none of them: each is recorded as skipped and the job resumes at its next occurrence.</summary>
    Skip = 2,
}
