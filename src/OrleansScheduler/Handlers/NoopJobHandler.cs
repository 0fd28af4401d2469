namespace OrleansScheduler.Handlers;

/// <summary>
/// The built-in <c>noop</c> handler: does nothing and succeeds. Its payload is ignored. Useful for smoke tests and
/// benchmarks, where a run's cost should be the scheduler's own: what it records (history, counts) is the measurement.
/// </summary>
public sealed class NoopJobHandler : IJobHandler
{
    /// <summary>The name jobs use for this handler.</summary>
    public const string Name = "noop";

    /// <inheritdoc/>
    public Task ExecuteAsync(JobRunContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}
