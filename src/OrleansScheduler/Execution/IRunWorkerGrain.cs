namespace OrleansScheduler.Execution;

/// <summary>
/// Executes runs on the silo that fetched them (a stateless worker, so every silo has its own local activations).
/// Infrastructure: called by the scheduler's run executor, not by applications.
/// </summary>
// The alias is the id the interface had before it had one, so that moving the file changes nothing on the wire.
[Alias("OrleansScheduler.Grains.IRunWorkerGrain")]
public interface IRunWorkerGrain : IGrainWithIntegerKey
{
    /// <summary>Executes one attempt with the handler the run names, within the run's timeout.</summary>
    // Handlers may run far longer than Orleans' default 30 s response timeout; the run's own timeout bounds them.
    [ResponseTimeout("1.00:10:00")]
    Task<RunOutcome> Execute(RunRequest run);
}
