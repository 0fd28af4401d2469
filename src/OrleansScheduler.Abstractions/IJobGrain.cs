namespace OrleansScheduler;

/// <summary>
/// One scheduled job. The grain key is the job id (1–200 characters of <c>[A-Za-z0-9._:-]</c>).
/// Its definition is kept in Redis grain storage and a durable reminder wakes it, so it keeps firing
/// across silo and cluster restarts.
/// </summary>
[Alias("OrleansScheduler.IJobGrain")]
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>Creates the job, or replaces its definition. Scheduling an unchanged spec changes nothing.</summary>
    /// <returns>The job as stored.</returns>
    /// <exception cref="JobValidationException">The id or the spec is invalid; nothing was stored.</exception>
    Task<JobInfo> Schedule(JobSpec spec);

    /// <summary>Gets the job, or null when no job has this id.</summary>
    [Alias("Get")]
    Task<JobInfo?> Get();

    /// <summary>Stops the job firing until <see cref="Resume"/>. Pausing a paused job changes nothing.</summary>
    /// <exception cref="JobNotFoundException">No job has this id.</exception>
    Task<JobInfo> Pause();

    /// <summary>Resumes a paused job from now on: occurrences that fell in the pause are not run.</summary>
    /// <exception cref="JobNotFoundException">No job has this id.</exception>
    Task<JobInfo> Resume();

    /// <summary>Enqueues one run now, outside the schedule (also for a paused job).</summary>
    /// <returns>The run id.</returns>
    /// <exception cref="JobNotFoundException">No job has this id.</exception>
    Task<string> Trigger();

    /// <summary>Deletes the job, its reminder and its history. Runs already queued still execute.</summary>
    /// <returns>True when a job was deleted, false when none existed.</returns>
    Task<bool> Delete();

    /// <summary>Gets the latest history entries, newest first.</summary>
    /// <param name="limit">How many entries at most (1 to <see cref="SchedulerLimits.MaxHistory"/>).</param>
    Task<IReadOnlyList<RunRecord>> GetHistory(int limit);
}
