using OrleansScheduler.Handlers;

namespace OrleansScheduler.PropertyTests.Support;

/// <summary>A handler with no payload rules (it is no <see cref="IJobPayloadValidator"/>), so only the spec's own rules decide.</summary>
public sealed class AcceptAnyPayloadHandler : IJobHandler
{
    /// <summary>The name jobs use for this handler.</summary>
    public const string Name = "prop";

    /// <inheritdoc/>
    public Task ExecuteAsync(JobRunContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}
