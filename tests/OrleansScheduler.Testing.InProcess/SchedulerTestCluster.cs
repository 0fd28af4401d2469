using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansScheduler.Hosting;
using OrleansScheduler.Redis;
using StackExchange.Redis;
using Xunit;

namespace OrleansScheduler.Testing.InProcess;

/// <summary>
/// A real redis-server and an Orleans test cluster of several silos running the scheduler, which keeps job state and
/// reminders in it through the Redis providers. One per test class; each has its own Redis, so tests never see each
/// other's keys. A fixture tunes it through the virtual hooks (silo count, the Redis the silos connect to, options,
/// handlers, per-silo services), which run in this order for every silo: the scheduler with
/// <see cref="ConfigureOptions"/>, then <see cref="AddHandlers"/>, then <see cref="ConfigureSilo"/> (later
/// registrations win).
/// </summary>
public class SchedulerTestCluster : IAsyncLifetime
{
    /// <summary>The Redis server the silos keep everything in.</summary>
    public RedisServer Redis { get; private set; } = null!;

    /// <summary>The in-process Orleans cluster.</summary>
    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>A connection of the test's own, straight to Redis (never through a fixture's proxy).</summary>
    public ConnectionMultiplexer Connection { get; private set; } = null!;

    /// <summary>The cluster client's grain factory.</summary>
    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The scheduler's key layout for this cluster's service id.</summary>
    public SchedulerKeys Keys => new(Cluster.Options.ServiceId);

    /// <summary>The test's own database handle on <see cref="Connection"/>.</summary>
    public IDatabase Db => Connection.GetDatabase();

    /// <summary>The Orleans service id: the prefix of every key.</summary>
    public string ServiceId => Cluster.Options.ServiceId;

    /// <summary>The scheduler's admin grain.</summary>
    public ISchedulerAdminGrain Admin => Grains.GetGrain<ISchedulerAdminGrain>(0);

    /// <summary>How many silos the cluster has (two unless a fixture needs another number).</summary>
    protected virtual short Silos => 2;

    /// <summary>The Redis configuration string the silos connect with (a fault proxy's, in fixtures that put one in between).</summary>
    protected virtual string SiloRedis => Redis.ConnectionString;

    /// <summary>Starts Redis, then the cluster.</summary>
    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync().ConfigureAwait(false);
        Connection = await Redis.ConnectAsync().ConfigureAwait(false);
        await StartingAsync().ConfigureAwait(false);
        var builder = new InProcessTestClusterBuilder(Silos);
        // Trace context crosses grain calls as in a real deployment (the silo program adds it too): on silos and client.
        builder.ConfigureClient(client => client.AddActivityPropagation());
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddActivityPropagation();
            silo.AddJobScheduler(options =>
            {
                options.Redis = SiloRedis;
                ConfigureOptions(options);
            });
            AddHandlers(silo.Services);
        });
        builder.ConfigureSilo(ConfigureSilo);
        Cluster = builder.Build();
        await Cluster.DeployAsync().ConfigureAwait(false);
        await StartedAsync().ConfigureAwait(false);
    }

    /// <summary>Stops the cluster, then Redis.</summary>
    public virtual async Task DisposeAsync()
    {
        await Cluster.DisposeAsync().ConfigureAwait(false);
        await Connection.DisposeAsync().ConfigureAwait(false);
        await Redis.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Runs once Redis is up, before the cluster is built.</summary>
    protected virtual Task StartingAsync() => Task.CompletedTask;

    /// <summary>Runs once the cluster is deployed, before the first test.</summary>
    protected virtual Task StartedAsync() => Task.CompletedTask;

    /// <summary>Sets the scheduler options every silo starts with (<see cref="JobSchedulerOptions.Redis"/> is set already).</summary>
    protected virtual void ConfigureOptions(JobSchedulerOptions options)
    {
    }

    /// <summary>Registers the fixture's job handlers, and the services they need, on every silo.</summary>
    protected virtual void AddHandlers(IServiceCollection services)
    {
    }

    /// <summary>Configures each silo after the common configuration (later registrations win).</summary>
    protected virtual void ConfigureSilo(InProcessTestSiloSpecificOptions silo, ISiloBuilder builder)
    {
    }

    /// <summary>The job grain with id <paramref name="id"/>.</summary>
    public IJobGrain Job(string id) => Grains.GetGrain<IJobGrain>(id);

    /// <summary>Polls a job's history until it satisfies <paramref name="done"/>.</summary>
    public Task<IReadOnlyList<RunRecord>> HistoryAsync(string jobId, Func<IReadOnlyList<RunRecord>, bool> done, string what, TimeSpan? timeout = null) =>
        Eventually.MatchesAsync(() => Job(jobId).GetHistory(1000), done, what, timeout);

    /// <summary>
    /// Polls until no run waits in a queue or is being processed: every run enqueued before the call has settled (and
    /// is in its job's history) when it returns.
    /// </summary>
    public Task IdleAsync(TimeSpan? timeout = null) =>
        Eventually.MatchesAsync(
            Admin.GetQueueDepths,
            depths => depths.Queued.Values.Sum() == 0 && depths.Processing.Values.Sum() == 0,
            "no run queued or in processing",
            timeout);

    /// <summary>Every key in Redis with its serialized value, to prove an operation changed nothing.</summary>
    public Task<IReadOnlyDictionary<string, string>> SnapshotAsync() => Redis.SnapshotAsync();

    /// <summary>Whether the job's grain state is stored (<c>{svc}/state/job/{id}/job</c>).</summary>
    public Task<bool> StateExistsAsync(string jobId) => Db.KeyExistsAsync($"{ServiceId}/state/job/{jobId}/job");

    /// <summary>Whether the job has its durable reminder in Orleans' Redis reminder table (<c>{svc}/reminders</c>).</summary>
    public async Task<bool> ReminderExistsAsync(string jobId)
    {
        var members = await Db.SortedSetRangeByRankAsync($"{ServiceId}/reminders").ConfigureAwait(false);
        return members.Any(m => ((string)m!).Contains($"\"job/{jobId}\"", StringComparison.Ordinal));
    }

    /// <summary>Writes fail for every key but the patterns given (relative to the service id, e.g. <c>state/*</c>) until disposed.</summary>
    public Task<RedisWriteFault> AllowWritesOnlyToAsync(params string[] patterns) =>
        RedisWriteFault.AllowOnlyAsync(Redis, [.. patterns.Select(p => $"{ServiceId}/{p}")]);

    /// <summary>A job id no other test uses.</summary>
    public static string NewJobId(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
}
