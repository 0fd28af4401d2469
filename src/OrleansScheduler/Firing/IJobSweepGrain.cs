namespace OrleansScheduler.Firing;

/// <summary>
/// The job grain as the overdue sweeps see it (the same grain as <see cref="IJobGrain"/>, by the same key).
/// Infrastructure: called by the scheduler's sweeps, not by applications.
/// </summary>
// The alias is the id the interface had before it had one: silos of two versions call Wake on each other.
[Alias("OrleansScheduler.Grains.IJobSweepGrain")]
public interface IJobSweepGrain : IGrainWithStringKey
{
    /// <summary>
    /// Evaluates the job now, whether or not its grain was active: enqueues what is due under its misfire policy, arms its
    /// timer, finishes any pending work and sets its due entry right. For a paused job the due entry is removed; for a job
    /// that does not exist, whatever it left behind in Redis.
    /// </summary>
    [Alias("Wake")]
    Task Wake();
}
