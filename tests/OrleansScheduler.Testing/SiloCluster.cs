namespace OrleansScheduler.Testing;

/// <summary>
/// A real redis-server and silo processes forming one cluster under service and cluster ids of their own, started in
/// parallel. Disposing stops every silo and Redis by pid and deletes their directories; a failed start leaves no
/// process behind.
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    private readonly List<SiloProcess> _silos = [];

    private SiloCluster(RedisServer redis, string name)
    {
        Redis = redis;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        ServiceId = $"{name}-{suffix}";
        ClusterId = $"{name}-cluster-{suffix}";
    }

    /// <summary>The Redis server.</summary>
    public RedisServer Redis { get; }

    /// <summary>The Orleans service id: the prefix of every key.</summary>
    public string ServiceId { get; }

    /// <summary>The Orleans cluster id.</summary>
    public string ClusterId { get; }

    /// <summary>The silos, in start order.</summary>
    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>Starts Redis and <paramref name="silos"/> silos with <paramref name="extraArguments"/> on each command line.</summary>
    /// <param name="name">Prefix of the service and cluster ids.</param>
    /// <param name="wakeUpPeriod">The silos' reminder period.</param>
    /// <param name="extraArguments">Extra silo switches, e.g. <c>--api-key</c>.</param>
    /// <param name="silos">How many silos.</param>
    public static async Task<SiloCluster> StartAsync(string name, TimeSpan wakeUpPeriod, IReadOnlyList<string> extraArguments, int silos = 2)
    {
        var cluster = new SiloCluster(await RedisServer.StartAsync(), name);
        var starting = Enumerable.Range(1, silos)
            .Select(i => SiloProcess.StartAsync(new SiloProcessOptions
            {
                Name = $"silo-{i}",
                Redis = cluster.Redis.ConnectionString,
                ServiceId = cluster.ServiceId,
                ClusterId = cluster.ClusterId,
                WakeUpPeriod = wakeUpPeriod,
                ExtraArguments = extraArguments,
            }))
            .ToList();
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            cluster._silos.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            await cluster.DisposeAsync();
            throw;
        }

        cluster._silos.AddRange(starting.Select(t => t.Result));
        return cluster;
    }

    /// <summary>The last lines of each silo's log: the context a failed test needs.</summary>
    public string LogTails(int lines = 25) =>
        string.Join(Environment.NewLine, _silos.Select(silo => $"--- {silo}: last {lines} lines of its log ---{Environment.NewLine}{silo.ReadLogTail(lines)}"));

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        var silos = _silos.ToList();
        _silos.Clear();
        await Task.WhenAll(silos.Select(s => s.DisposeAsync().AsTask()));
        await Redis.DisposeAsync();
    }
}
