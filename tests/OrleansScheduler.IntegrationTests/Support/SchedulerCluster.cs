using Microsoft.Extensions.DependencyInjection;
using OrleansScheduler.Hosting;
using OrleansScheduler.Testing.InProcess;

namespace OrleansScheduler.IntegrationTests.Support;

/// <summary>
/// The integration tests' cluster: the shared in-process cluster with short periods, so that firing, retries and
/// polls happen within a test's deadline, and the recording and misbehaving test handlers. Fixtures that need a
/// different cluster (another clock, options, a fault proxy in front of Redis) derive from it.
/// </summary>
public class SchedulerCluster : SchedulerTestCluster
{
    /// <summary>Every execution the test handlers saw.</summary>
    public RunRecorder Recorder { get; } = new();

    /// <inheritdoc/>
    protected override void ConfigureOptions(JobSchedulerOptions options)
    {
        options.WakeUpPeriod = TimeSpan.FromSeconds(5);
        options.MaxConcurrentRuns = 4;
        options.PollInterval = TimeSpan.FromMilliseconds(500);
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(300);
        options.RetryMaxDelay = TimeSpan.FromSeconds(2);
        options.RetryPollInterval = TimeSpan.FromMilliseconds(100);
    }

    /// <inheritdoc/>
    protected override void AddHandlers(IServiceCollection services)
    {
        services.AddSingleton(Recorder);
        services.AddSingleton(TimeProvider.System);
        services.AddJobHandler<RecordingHandler>(RecordingHandler.Name);
        services.AddJobHandler<FailingHandler>(FailingHandler.Name);
        services.AddJobHandler<FlakyHandler>(FlakyHandler.Name);
        services.AddJobHandler<HangingHandler>(HangingHandler.Name);
        services.AddJobHandler<StubbornHandler>(StubbornHandler.Name);
    }
}
