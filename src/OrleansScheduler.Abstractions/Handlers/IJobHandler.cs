namespace OrleansScheduler.Handlers;

/// <summary>
/// Executes the runs of jobs that name it. Register implementations by name with
/// <c>services.AddJobHandler&lt;THandler&gt;("name")</c>; the payload is data, never code.
/// </summary>
/// <remarks>
/// Execution is at-least-once: a run taken by a silo that dies is run again elsewhere with the same
/// <see cref="JobRunContext.RunId"/>. Make handlers idempotent on that id.
/// </remarks>
public interface IJobHandler
{
    /// <summary>Executes one attempt of a run. Throw to fail the attempt.</summary>
    /// <param name="context">The run: ids, nominal time, attempt and payload.</param>
    /// <param name="cancellationToken">Cancelled when the attempt times out or the silo shuts down.</param>
    Task ExecuteAsync(JobRunContext context, CancellationToken cancellationToken);
}
