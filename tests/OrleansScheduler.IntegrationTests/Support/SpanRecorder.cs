using System.Collections.Concurrent;
using System.Diagnostics;
using Orleans.Diagnostics;
using OrleansScheduler.Diagnostics;
using OrleansScheduler.Testing;

namespace OrleansScheduler.IntegrationTests.Support;

/// <summary>
/// Records every span of the scheduler, of Orleans' grain calls and of <see cref="Test"/> that stops while it listens.
/// Listeners are process-wide: other test classes' spans are recorded too, so tests pick theirs by job or run id.
/// </summary>
public sealed class SpanRecorder : IDisposable
{
    /// <summary>The source tests start their own calls' spans from.</summary>
    public static readonly ActivitySource Test = new("OrleansScheduler.IntegrationTests");

    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            // Orleans files calls to grain interfaces in namespaces starting "Orleans" (OrleansScheduler's too) under its
            // runtime source: both are needed for the trace context to cross a grain call.
            ShouldListenTo = source => source.Name is SchedulerActivities.SourceName or ActivitySources.RuntimeActivitySourceName or ActivitySources.ApplicationGrainActivitySourceName || source == Test,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Polls until a stopped span matches.</summary>
    public Task<Activity> EventuallyAsync(Func<Activity, bool> match, string what, TimeSpan? timeout = null) =>
        Eventually.MatchesAsync(() => Task.FromResult(_stopped.FirstOrDefault(match)), span => span is not null, what, timeout)!;

    public void Dispose() => _listener.Dispose();
}
