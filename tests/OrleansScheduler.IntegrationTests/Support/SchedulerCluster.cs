using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansScheduler.Hosting;
using OrleansScheduler.Redis;
using OrleansScheduler.Testing;
using StackExchange.Redis;

namespace OrleansScheduler.IntegrationTests.Support;

/// <summary>
/// A real redis-server and a two-silo Orleans test cluster that keeps job state and reminders in it through the
/// Redis providers. One per test class; each has its own Redis, so tests never see each other's keys. Fixtures that
/// need a different cluster (another clock, options, a fault proxy in front of Redis) derive from it.
/// </summary>
public class SchedulerCluster : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public RunRecorder Recorder { get; } = new();

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public SchedulerKeys Keys => new(Cluster.Options.ServiceId);

    public IDatabase Db => Connection.GetDatabase();

    /// <summary>The Orleans service id: the prefix of every key.</summary>
    public string ServiceId => Cluster.Options.ServiceId;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Connection = await Redis.ConnectAsync();
        await StartingAsync();
        var builder = new InProcessTestClusterBuilder(Silos);
        // Trace context crosses grain calls as in a real deployment (TracingTests): propagation on silos and client.
        builder.ConfigureClient(client => client.AddActivityPropagation());
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddActivityPropagation();
            silo.AddJobScheduler(options =>
            {
                options.Redis = SiloRedis;
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
        builder.ConfigureSilo(ConfigureSilo);
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Connection.DisposeAsync();
        await Redis.DisposeAsync();
    }

    /// <summary>How many silos the cluster has (two unless a fixture needs one).</summary>
    protected virtual short Silos => 2;

    /// <summary>The Redis configuration string the silos connect with (a fault proxy's, in fixtures that put one in between).</summary>
    protected virtual string SiloRedis => Redis.ConnectionString;

    /// <summary>Runs once Redis is up, before the cluster is built.</summary>
    protected virtual Task StartingAsync() => Task.CompletedTask;

    /// <summary>Configures each silo after the common configuration (later registrations win).</summary>
    protected virtual void ConfigureSilo(InProcessTestSiloSpecificOptions silo, ISiloBuilder builder)
    {
    }

    public IJobGrain Job(string id) => Grains.GetGrain<IJobGrain>(id);

    public ISchedulerAdminGrain Admin => Grains.GetGrain<ISchedulerAdminGrain>(0);

    /// <summary>Polls a job's history until it satisfies <paramref name="done"/>.</summary>
    public Task<IReadOnlyList<RunRecord>> HistoryAsync(string jobId, Func<IReadOnlyList<RunRecord>, bool> done, string what, TimeSpan? timeout = null) =>
        Eventually.MatchesAsync(() => Job(jobId).GetHistory(1000), done, what, timeout);

    /// <summary>Every key in Redis with its serialized value, to prove an operation changed nothing.</summary>
    public Task<IReadOnlyDictionary<string, string>> SnapshotAsync() => Redis.SnapshotAsync();

    /// <summary>Whether the job's grain state is stored (<c>{svc}/state/job/{id}/job</c>).</summary>
    public Task<bool> StateExistsAsync(string jobId) => Db.KeyExistsAsync($"{ServiceId}/state/job/{jobId}/job");

    /// <summary>Whether the job has its durable reminder in Orleans' Redis reminder table (<c>{svc}/reminders</c>).</summary>
    public async Task<bool> ReminderExistsAsync(string jobId)
    {
        var members = await Db.SortedSetRangeByRankAsync($"{ServiceId}/reminders");
        return members.Any(m => ((string)m!).Contains($"\"job/{jobId}\"", StringComparison.Ordinal));
    }

    /// <summary>Writes fail for every key but the patterns given (relative to the service id, e.g. <c>state/*</c>) until disposed.</summary>
    public Task<RedisWriteFault> AllowWritesOnlyToAsync(params string[] patterns) =>
        RedisWriteFault.AllowOnlyAsync(Redis, [.. patterns.Select(p => $"{ServiceId}/{p}")]);

    /// <summary>A job id no other test uses.</summary>
    public static string NewJobId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
}
