using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansScheduler.Hosting;
using OrleansScheduler.Redis;
using OrleansScheduler.Testing;
using StackExchange.Redis;

namespace OrleansScheduler.IntegrationTests.Support;

/// <summary>
/// A real redis-server and a two-silo Orleans test cluster that keeps job state and reminders in it through the
/// Redis providers. One per test class; each has its own Redis, so tests never see each other's keys.
/// </summary>
public sealed class SchedulerCluster : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public RunRecorder Recorder { get; } = new();

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public SchedulerKeys Keys => new(Cluster.Options.ServiceId);

    public IDatabase Db => Connection.GetDatabase();

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Connection = await Redis.ConnectAsync();
        var builder = new InProcessTestClusterBuilder(2);
        // Trace context crosses grain calls as in a real deployment (TracingTests): propagation on silos and client.
        builder.ConfigureClient(client => client.AddActivityPropagation());
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddActivityPropagation();
            silo.AddJobScheduler(options =>
            {
                options.Redis = Redis.ConnectionString;
                options.WakeUpPeriod = TimeSpan.FromSeconds(5);
                options.MaxConcurrentRuns = 4;
                options.PollInterval = TimeSpan.FromMilliseconds(500);
                options.RetryBaseDelay = TimeSpan.FromMilliseconds(300);
                options.RetryMaxDelay = TimeSpan.FromSeconds(2);
                options.RetryPollInterval = TimeSpan.FromMilliseconds(100);
            });
            silo.Services.AddSingleton(Recorder);
            silo.Services.AddSingleton(TimeProvider.System);
            silo.Services.AddJobHandler<RecordingHandler>(RecordingHandler.Name);
            silo.Services.AddJobHandler<FailingHandler>(FailingHandler.Name);
            silo.Services.AddJobHandler<FlakyHandler>(FlakyHandler.Name);
            silo.Services.AddJobHandler<HangingHandler>(HangingHandler.Name);
            silo.Services.AddJobHandler<StubbornHandler>(StubbornHandler.Name);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Connection.DisposeAsync();
        await Redis.DisposeAsync();
    }

    public IJobGrain Job(string id) => Grains.GetGrain<IJobGrain>(id);

    public ISchedulerAdminGrain Admin => Grains.GetGrain<ISchedulerAdminGrain>(0);

    /// <summary>Polls a job's history until it satisfies <paramref name="done"/>.</summary>
    public Task<IReadOnlyList<RunRecord>> HistoryAsync(string jobId, Func<IReadOnlyList<RunRecord>, bool> done, string what, TimeSpan? timeout = null) =>
        Eventually.MatchesAsync(() => Job(jobId).GetHistory(1000), done, what, timeout);

    /// <summary>Every key in Redis with its serialized value, to prove an operation changed nothing.</summary>
    public Task<IReadOnlyDictionary<string, string>> SnapshotAsync() => Redis.SnapshotAsync();

    /// <summary>A job id no other test uses.</summary>
    public static string NewJobId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
}
