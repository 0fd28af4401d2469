namespace OrleansScheduler;

/// <summary>The outcome of one attempt of a run, as recorded in a job's history.</summary>
public enum RunStatus
{
    /// <summary>The handler completed.</summary>
    Succeeded = 0,

    /// <summary>The handler threw, timed out, or could not be resolved.</summary>
    Failed = 1,

    /// <summary>The occurrence was not run (misfire or overlap policy); the error field says why.</summary>
    Skipped = 2,

    /// <summary>The run exhausted its attempts and was moved to the dead-letter list.</summary>
    DeadLettered = 3,
}
