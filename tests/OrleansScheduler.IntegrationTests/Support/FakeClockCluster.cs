using Orleans.TestingHost;
using OrleansScheduler.Testing.InProcess;

namespace OrleansScheduler.IntegrationTests.Support;

/// <summary>
/// The scheduler cluster on a fake clock (<see cref="SchedulerTestClock"/>): jobs fire when a test advances
/// <see cref="Clock"/>, and a call to the job's grain after the advance is the barrier behind the tick. Fetching and
/// running stay on real time (pub/sub wake-up, real polls), so a fired run executes at once. The backstop sweep runs
/// every 5 real seconds but judges "overdue" by the fake clock: advance in steps no longer than the misfire threshold.
/// </summary>
public sealed class FakeClockCluster : SchedulerCluster
{
    /// <summary>The clock jobs fire by, on every silo.</summary>
    public SchedulerTestClock Clock { get; } = new();

    /// <summary>
    /// Advances the clock <paramref name="steps"/> times by <paramref name="step"/> (1 s unless given), calling the job's
    /// grain after each step: when it returns, every tick the steps queued on the job has been evaluated and whatever it
    /// enqueued is in Redis. Activates the job if it is not active.
    /// </summary>
    public Task AdvanceAsync(string jobId, int steps = 1, TimeSpan? step = null) =>
        Clock.AdvanceAsync(step ?? TimeSpan.FromSeconds(1), steps, () => Job(jobId).Get());

    /// <inheritdoc/>
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Clock.Dispose();
    }

    /// <inheritdoc/>
    protected override void ConfigureSilo(InProcessTestSiloSpecificOptions silo, ISiloBuilder builder) => Clock.AddTo(builder.Services);

    /// <inheritdoc/>
    protected override Task StartedAsync() => Clock.StartRemindersAsync(Cluster);
}
