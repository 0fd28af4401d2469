using System.Globalization;
using StackExchange.Redis;

namespace OrleansScheduler.Testing.Faults;

/// <summary>
/// The cluster a <see cref="FaultRun"/> hurts: a redis-server with <c>appendfsync always</c> (a SIGKILL of Redis then
/// loses no acknowledged write, so exactly-once can be checked strictly), and silo processes, each talking to Redis
/// through a <see cref="FaultProxy"/> of its own. Silos are restarted on their own ports; osched and the audit talk to
/// Redis directly. Every process is stopped by its pid.
/// </summary>
internal sealed class FaultRunCluster : IAsyncDisposable
{
    private static readonly string[] QuietHttpClientLog = ["--Logging:LogLevel:System.Net.Http.HttpClient", "Warning"];

    private readonly SiloProcess?[] _running;
    private readonly List<SiloProcess> _retired = [];
    private readonly bool[] _frozen;
    private readonly Action<string> _log;
    private ConnectionMultiplexer? _admin;

    private FaultRunCluster(RedisServer redis, FaultProxy[] proxies, string name, Action<string> log)
    {
        Redis = redis;
        Proxies = proxies;
        _log = log;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        ServiceId = $"{name}-{suffix}";
        ClusterId = $"{name}-cluster-{suffix}";
        SiloOptions = [.. proxies.Select((proxy, i) => new SiloProcessOptions
        {
            Name = $"{name}-silo-{i}",
            Redis = proxy.Address,
            ServiceId = ServiceId,
            ClusterId = ClusterId,
            ExtraArguments = [.. QuietHttpClientLog, "--Scheduler:HistoryLimit", "100000"],
        })];
        _running = new SiloProcess?[proxies.Length];
        _frozen = new bool[proxies.Length];
        Osched = new Osched(redis.ConnectionString, ServiceId, ClusterId) { Timeout = TimeSpan.FromSeconds(180) };
    }

    public RedisServer Redis { get; }

    public IReadOnlyList<FaultProxy> Proxies { get; }

    public IReadOnlyList<SiloProcessOptions> SiloOptions { get; }

    public string ServiceId { get; }

    public string ClusterId { get; }

    public Osched Osched { get; }

    public int Count => _running.Length;

    public static async Task<FaultRunCluster> StartAsync(string name, int silos, Action<string> log)
    {
        var redis = await RedisServer.StartAsync(appendFsync: "always").ConfigureAwait(false);
        var proxies = new List<FaultProxy>();
        try
        {
            for (var i = 0; i < silos; i++)
            {
                proxies.Add(await FaultProxy.StartAsync("127.0.0.1", redis.Port).ConfigureAwait(false));
            }
        }
        catch
        {
            foreach (var proxy in proxies)
            {
                await proxy.DisposeAsync().ConfigureAwait(false);
            }

            await redis.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var cluster = new FaultRunCluster(redis, [.. proxies], name, log);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, silos).Select(cluster.StartSiloAsync)).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Whether silo <paramref name="index"/> runs and is not frozen.</summary>
    public bool IsUp(int index) => _running[index] is { HasExited: false } && !_frozen[index];

    /// <summary>The running process of silo <paramref name="index"/>, if any.</summary>
    public SiloProcess? Silo(int index) => _running[index];

    public async Task StartSiloAsync(int index)
    {
        var silo = await SiloProcess.StartAsync(SiloOptions[index]).ConfigureAwait(false);
        lock (_retired)
        {
            _running[index] = silo;
            _frozen[index] = false;
        }

        _log($"started {silo}");
    }

    /// <summary>Starts every silo whose process has ended (a crash, or a silo that stopped itself when told it was dead).</summary>
    public async Task RestartExitedAsync()
    {
        for (var i = 0; i < _running.Length; i++)
        {
            if (_running[i] is { HasExited: true } exited)
            {
                _log($"{exited} has exited; starting it again");
                Retire(i);
            }

            if (_running[i] is null)
            {
                await StartSiloAsync(i).ConfigureAwait(false);
            }
        }
    }

    public void KillSilo(int index)
    {
        if (_running[index] is { } silo)
        {
            silo.Kill();
            Retire(index);
        }
    }

    public async Task StopSiloAsync(int index)
    {
        if (_running[index] is { } silo)
        {
            await silo.StopAsync().ConfigureAwait(false);
            Retire(index);
        }
    }

    public void FreezeSilo(int index)
    {
        if (_running[index] is { HasExited: false } silo)
        {
            PosixSignals.Send(silo.Pid, PosixSignals.Stop);
            _frozen[index] = true;
        }
    }

    public void ThawSilo(int index)
    {
        if (_running[index] is { } silo && _frozen[index])
        {
            PosixSignals.Send(silo.Pid, PosixSignals.Continue);
            _frozen[index] = false;
        }
    }

    /// <summary>SIGCONT to every frozen silo and every proxy forwarding again.</summary>
    public void ThawAll()
    {
        for (var i = 0; i < _running.Length; i++)
        {
            ThawSilo(i);
            Proxies[i].Resume();
        }
    }

    /// <summary><c>CLIENT PAUSE {duration} ALL</c>: every client's commands wait, the server answers none.</summary>
    public async Task PauseRedisAsync(TimeSpan duration)
    {
        var admin = await AdminAsync().ConfigureAwait(false);
        await admin.GetServer(admin.GetEndPoints()[0]).ExecuteAsync("CLIENT", "PAUSE", ((long)duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), "ALL").ConfigureAwait(false);
    }

    /// <summary>A connection of the run's own, straight to Redis, reconnecting on its own after Redis restarts.</summary>
    public async Task<ConnectionMultiplexer> AdminAsync() =>
        _admin ??= await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString + ",allowAdmin=true,abortConnect=false,connectRetry=5,syncTimeout=15000,asyncTimeout=15000").ConfigureAwait(false);

    /// <summary>The last lines of every silo's log, running ones first.</summary>
    public string LogTails(int lines)
    {
        var tails = new System.Text.StringBuilder();
        foreach (var silo in _running.OfType<SiloProcess>().Concat(_retired))
        {
            tails.AppendLine(CultureInfo.InvariantCulture, $"--- {silo}{(silo.HasExited ? " (exited)" : "")}: last {lines} lines of its log ---");
            tails.AppendLine(silo.ReadLogTail(lines));
        }

        return tails.ToString();
    }

    /// <summary>Every line of every silo's log that contains <paramref name="fragment"/>.</summary>
    public IEnumerable<string> LogLines(string fragment) =>
        _running.OfType<SiloProcess>().Concat(_retired).SelectMany(s => s.ReadLog().Split('\n').Where(l => l.Contains(fragment, StringComparison.Ordinal)).Select(l => $"[{s.Options.Name}] {l.TrimEnd('\r')}"));

    public async ValueTask DisposeAsync()
    {
        ThawAll();
        var silos = _running.OfType<SiloProcess>().Concat(_retired).ToList();
        Array.Clear(_running);
        _retired.Clear();
        await Task.WhenAll(silos.Select(s => s.DisposeAsync().AsTask())).ConfigureAwait(false);
        if (_admin is not null)
        {
            await _admin.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var proxy in Proxies)
        {
            await proxy.DisposeAsync().ConfigureAwait(false);
        }

        await Redis.DisposeAsync().ConfigureAwait(false);
    }

    private void Retire(int index)
    {
        lock (_retired)
        {
            if (_running[index] is { } silo)
            {
                _retired.Add(silo);
            }

            _running[index] = null;
            _frozen[index] = false;
        }
    }
}
