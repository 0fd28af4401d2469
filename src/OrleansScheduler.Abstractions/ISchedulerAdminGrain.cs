namespace OrleansScheduler;

/// <summary>
/// Cluster-wide operations on runs rather than jobs: dead letters and queue depths. A stateless worker: use key 0,
/// e.g. <c>grainFactory.GetGrain&lt;ISchedulerAdminGrain&gt;(0)</c>.
/// </summary>
[Alias("OrleansScheduler.ISchedulerAdminGrain")]
public interface ISchedulerAdminGrain : IGrainWithIntegerKey
{
    /// <summary>The dead-lettered runs, newest first.</summary>
    /// <param name="limit">How many at most (1 to <see cref="SchedulerLimits.MaxDeadLetters"/>).</param>
    Task<IReadOnlyList<DeadLetter>> GetDeadLetters(int limit);

    /// <summary>Puts a dead-lettered run back on its queue with a fresh set of attempts, under the same run id.</summary>
    /// <returns>True when it was requeued; false when no dead letter has this run id.</returns>
    Task<bool> Requeue(string runId);

    /// <summary>Job ids in ordinal order, for paging through every job.</summary>
    /// <param name="after">Only ids after this one (exclusive); null for the first page.</param>
    /// <param name="limit">How many at most (1 to <see cref="SchedulerLimits.MaxJobIdsPage"/>).</param>
    Task<IReadOnlyList<string>> GetJobIds(string? after, int limit);

    /// <summary>How many runs wait in each queue, in processing per silo, in the retry set and dead-lettered.</summary>
    Task<QueueDepths> GetQueueDepths();
}
