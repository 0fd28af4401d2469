namespace OrleansScheduler;

/// <summary>
/// Cluster-wide operations on runs rather than jobs: dead letters and queue depths. A stateless worker: use key 0,
/// e.g. <c>grainFactory.GetGrain&lt;ISchedulerAdminGrain&gt;(0)</c>.
/// </summary>
public interface ISchedulerAdminGrain : IGrainWithIntegerKey
{
    /// <summary>The dead-lettered runs, newest first.</summary>
    /// <param name="limit">How many at most (1–10000).</param>
    Task<IReadOnlyList<DeadLetter>> GetDeadLetters(int limit);

    /// <summary>Puts a dead-lettered run back on its queue with a fresh set of attempts, under the same run id.</summary>
    /// <returns>True when it was requeued; false when no dead letter has this run id.</returns>
    Task<bool> Requeue(string runId);

    /// <summary>How many runs wait in each queue, in processing per silo, in the retry set and dead-lettered.</summary>
    Task<QueueDepths> GetQueueDepths();
}
