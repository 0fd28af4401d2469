namespace OrleansScheduler.Settlement;

/// <summary>Where a run goes after an attempt.</summary>
internal enum RunDisposition
{
    /// <summary>Finished: succeeded.</summary>
    Done,

    /// <summary>Failed with attempts left: waits in the retry set.</summary>
    Retry,

    /// <summary>Failed its last attempt: moved to the dead letters.</summary>
    DeadLetter,
}
