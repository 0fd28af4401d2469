using System.Diagnostics;
using OrleansScheduler.Redis;
using OrleansScheduler.Testing;
using StackExchange.Redis;

namespace OrleansScheduler.Benchmarks.Infrastructure;

/// <summary>
/// What one workload runs against: its own redis-server (free port, own directory, AOF on, as shipped) and two real
/// processes of the Release silo under a service id of their own, plus a Redis connection for measuring. Disposing
/// kills the silos by pid and deletes everything: the data is thrown away, so a graceful stop would only cost time.
/// </summary>
internal sealed class BenchmarkCluster : IAsyncDisposable
{
    private const int SiloCount = 2;

    private readonly List<SiloProcessOptions> _siloOptions;
    private readonly List<SiloProcess> _silos = [];

    // The logs of silos killed by a restart, which disposing deletes: kept for SaveLogs.
    private readonly List<(string Name, string Log)> _earlierLogs = [];
    private ConnectionMultiplexer? _redisConnection;

    private BenchmarkCluster(RedisServer redis, string name, IReadOnlyList<string> siloArguments)
    {
        Redis = redis;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        ServiceId = $"bench-{name}-{suffix}";
        ClusterId = $"bench-{name}-cluster-{suffix}";
        Keys = new SchedulerKeys(ServiceId);
        _siloOptions = [.. Enumerable.Range(1, SiloCount).Select(i => new SiloProcessOptions
        {
            Name = $"bench-{name}-silo-{i}",
            Redis = redis.ConnectionString,
            ServiceId = ServiceId,
            ClusterId = ClusterId,
            ExtraArguments = siloArguments,
        })];
    }

    /// <summary>The cluster's Redis.</summary>
    public RedisServer Redis { get; }

    /// <summary>The cluster's Orleans service id: prefixes its Redis keys.</summary>
    public string ServiceId { get; }

    /// <summary>The cluster's Orleans cluster id.</summary>
    public string ClusterId { get; }

    /// <summary>The scheduler keys of this cluster.</summary>
    public SchedulerKeys Keys { get; }

    /// <summary>The running silos.</summary>
    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>How long the silos took from process start until both answered <c>/healthz</c>, at the latest start.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>A connection for reading keys, <c>INFO</c> and history (admin commands allowed).</summary>
    public IConnectionMultiplexer RedisConnection => _redisConnection ?? throw new InvalidOperationException("the cluster is not started");

    /// <summary>The database the scheduler uses.</summary>
    public IDatabase Database => RedisConnection.GetDatabase();

    /// <summary>Starts Redis and two silos started with <paramref name="siloArguments"/> after the usual switches.</summary>
    public static async Task<BenchmarkCluster> StartAsync(string name, IReadOnlyList<string> siloArguments, CancellationToken cancellationToken)
    {
        var redis = await RedisServer.StartAsync().ConfigureAwait(false);
        var cluster = new BenchmarkCluster(redis, name, siloArguments);
        try
        {
            cluster._redisConnection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true,abortConnect=false,syncTimeout=30000,asyncTimeout=30000").ConfigureAwait(false);
            await cluster.StartSilosAsync(cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Connects an Orleans client to the cluster.</summary>
    public Task<SchedulerClient> ConnectClientAsync(CancellationToken cancellationToken) =>
        SchedulerClient.ConnectAsync(Redis.ConnectionString, ServiceId, ClusterId, cancellationToken);

    /// <summary>Kills every silo at once (SIGKILL to each pid), as a power cut would.</summary>
    public async Task KillSilosAsync()
    {
        foreach (var silo in _silos)
        {
            silo.Kill();
            _earlierLogs.Add((silo.Options.Name + "-before-restart", silo.ReadLog()));
        }

        await DisposeSilosAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Starts the silos (again, after <see cref="KillSilosAsync"/>: same ports, so each new silo supersedes its dead
    /// predecessor) and waits until both are healthy; returns how long that took.
    /// </summary>
    public async Task<TimeSpan> StartSilosAsync(CancellationToken cancellationToken)
    {
        if (_silos.Count > 0)
        {
            throw new InvalidOperationException("the silos are already running");
        }

        var elapsed = Stopwatch.StartNew();
        var starting = _siloOptions.Select(o => SiloProcess.StartAsync(o, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(starting).ConfigureAwait(false);
        }
        finally
        {
            _silos.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
        }

        StartupTime = elapsed.Elapsed;
        return StartupTime;
    }

    /// <summary>
    /// Copies each silo's log (so far, and those of silos killed by a restart) into <paramref name="directory"/> as
    /// <c>{prefix}-{silo}.log</c>.
    /// </summary>
    public void SaveLogs(string directory, string prefix)
    {
        Directory.CreateDirectory(directory);
        foreach (var (name, log) in _earlierLogs.Concat(_silos.Select(s => (s.Options.Name, s.ReadLog()))))
        {
            File.WriteAllText(Path.Combine(directory, $"{prefix}-{name}.log"), log);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            silo.Kill();
        }

        await DisposeSilosAsync().ConfigureAwait(false);
        if (_redisConnection is not null)
        {
            await _redisConnection.DisposeAsync().ConfigureAwait(false);
        }

        await Redis.DisposeAsync().ConfigureAwait(false);
    }

    private async Task DisposeSilosAsync()
    {
        var silos = _silos.ToList();
        _silos.Clear();
        foreach (var silo in silos)
        {
            await silo.DisposeAsync().ConfigureAwait(false);
        }
    }
}
