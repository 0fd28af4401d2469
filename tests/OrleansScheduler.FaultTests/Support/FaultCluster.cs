using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OrleansScheduler.Testing;
using StackExchange.Redis;

namespace OrleansScheduler.FaultTests.Support;

/// <summary>
/// A real redis-server (AOF on) and real silo processes under service and cluster ids of their own, with the means to
/// hurt them: SIGKILL or SIGTERM a silo and start it again on the same ports, stop and restart Redis, freeze it. Also
/// reads the scheduler's Redis keys directly (processing lists, queues) to see what a fault left behind.
/// Silos that were stopped or killed are kept (with their logs) until the cluster is disposed.
/// </summary>
public sealed partial class FaultCluster : IAsyncDisposable
{
    /// <summary>
    /// The silos' reminder period (<c>--wake-up-period</c>): the shipped default of one minute, so that recovery within
    /// seconds is shown to come from membership and the due index, not from a short reminder period.
    /// </summary>
    public static readonly TimeSpan WakeUpPeriod = TimeSpan.FromMinutes(1);

    // The http handler's HttpClient logs four lines per request at Information: thousands of runs would bury what the
    // logs are kept for (membership, recovery, misfires, shutdown).
    private static readonly string[] QuietHttpClientLog = ["--Logging:LogLevel:System.Net.Http.HttpClient", "Warning"];

    private readonly SiloProcess?[] _running;
    private readonly List<SiloProcess> _retired = [];
    private readonly Action<string> _log;
    private ConnectionMultiplexer? _redisClient;

    private FaultCluster(RedisServer redis, string name, int silos, IReadOnlyList<string> extraArguments, Action<string> log)
    {
        Redis = redis;
        _log = log;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        ServiceId = $"fault-{name}-{suffix}";
        ClusterId = $"fault-cluster-{suffix}";
        SiloOptions = [.. Enumerable.Range(1, silos).Select(i => new SiloProcessOptions
        {
            Name = $"{name}-silo-{i}",
            Redis = redis.ConnectionString,
            ServiceId = ServiceId,
            ClusterId = ClusterId,
            WakeUpPeriod = WakeUpPeriod,
            ExtraArguments = [.. QuietHttpClientLog, .. extraArguments],
        })];
        _running = new SiloProcess?[silos];
        Osched = new Osched(redis.ConnectionString, ServiceId, ClusterId, log) { Timeout = TimeSpan.FromSeconds(120) };
    }

    /// <summary>The Redis server.</summary>
    public RedisServer Redis { get; }

    /// <summary>The Orleans service id: the prefix of every key.</summary>
    public string ServiceId { get; }

    /// <summary>The Orleans cluster id.</summary>
    public string ClusterId { get; }

    /// <summary>The command line of each silo; a restarted silo reuses its ports.</summary>
    public IReadOnlyList<SiloProcessOptions> SiloOptions { get; }

    /// <summary>osched against this cluster, logging each run.</summary>
    public Osched Osched { get; }

    /// <summary>
    /// Starts Redis and <paramref name="silos"/> silos (in parallel) with <paramref name="extraArguments"/> appended to
    /// each silo's command line; <paramref name="log"/> receives progress lines (a test's output).
    /// </summary>
    public static async Task<FaultCluster> StartAsync(string name, Action<string> log, int silos = 2, IReadOnlyList<string>? extraArguments = null)
    {
        var redis = await RedisServer.StartAsync();
        var cluster = new FaultCluster(redis, name, silos, extraArguments ?? [], log);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, silos).Select(cluster.StartSiloAsync));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The running process of silo <paramref name="index"/>.</summary>
    /// <exception cref="InvalidOperationException">It is not running (killed or stopped and not started again).</exception>
    public SiloProcess Silo(int index) => _running[index] ?? throw new InvalidOperationException($"silo {index} is not running");

    /// <summary>The silos currently running.</summary>
    public IEnumerable<SiloProcess> RunningSilos => _running.OfType<SiloProcess>();

    /// <summary>Starts silo <paramref name="index"/> (again), on its ports, and waits until it is healthy.</summary>
    public async Task StartSiloAsync(int index)
    {
        if (_running[index] is not null)
        {
            throw new InvalidOperationException($"silo {index} is already running");
        }

        var silo = await SiloProcess.StartAsync(SiloOptions[index]);
        lock (_retired)
        {
            _running[index] = silo;
        }

        _log($"{Stamp()} started {silo}");
    }

    /// <summary>SIGKILL to silo <paramref name="index"/>'s pid; returns when the process has gone, with the instant of the kill.</summary>
    public DateTimeOffset KillSilo(int index)
    {
        var silo = Silo(index);
        var killedAt = DateTimeOffset.UtcNow;
        silo.Kill();
        Retire(index);
        _log($"{Stamp()} SIGKILL {silo}");
        return killedAt;
    }

    /// <summary>SIGTERM to silo <paramref name="index"/>'s pid; returns when it has exited (killed after <see cref="SiloProcess.StopTimeout"/>).</summary>
    public async Task StopSiloAsync(int index)
    {
        var silo = Silo(index);
        _log($"{Stamp()} SIGTERM {silo}");
        await silo.StopAsync();
        Retire(index);
        _log($"{Stamp()} {silo} exited");
    }

    /// <summary>Whether <paramref name="silo"/> had to be killed after SIGTERM because it did not exit in time (SiloProcess notes it in the log).</summary>
    public static bool NeededKillAfterTerm(SiloProcess silo) => silo.ReadLog().Contains("did not exit within", StringComparison.Ordinal);

    /// <summary>
    /// Which silo each job's grain was created on, from the silos' logs (<c>Job {id} created</c>): index → job ids.
    /// Jobs whose creation no log shows are left out.
    /// </summary>
    public IReadOnlyDictionary<int, HashSet<string>> ReadJobPlacement()
    {
        var placement = new Dictionary<int, HashSet<string>>();
        for (var i = 0; i < _running.Length; i++)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            if (_running[i] is { } silo)
            {
                foreach (Match match in JobCreated().Matches(silo.ReadLog()))
                {
                    ids.Add(match.Groups["id"].Value);
                }
            }

            placement[i] = ids;
        }

        return placement;
    }

    /// <summary>Runs <c>osched history {jobId} --limit 1000 --json</c>, newest first.</summary>
    public async Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(string jobId) =>
        [.. (await Osched.RunAsync("history", jobId, "--limit", "1000", "--json")).Succeeded().JsonArray().Select(HistoryEntry.From)];

    /// <summary>The histories of several jobs (<see cref="ReadHistoryAsync"/>), four osched processes at a time.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<HistoryEntry>>> ReadHistoriesAsync(IEnumerable<string> jobIds)
    {
        var histories = new System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<HistoryEntry>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(jobIds, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (id, _) =>
            histories[id] = await ReadHistoryAsync(id));
        return histories;
    }

    /// <summary>Runs <c>osched dead-letters --limit 10000 --json</c>: every dead letter, newest first.</summary>
    public async Task<IReadOnlyList<DeadLetter>> ReadDeadLettersAsync() =>
        [.. (await Osched.RunAsync("dead-letters", "--limit", "10000", "--json")).Succeeded().JsonArray().Select(DeadLetter.From)];

    /// <summary>Runs <c>osched list --json</c>: every job defined.</summary>
    public async Task<IReadOnlyList<JsonObject>> ListJobsAsync() =>
        [.. (await Osched.RunAsync("list", "--json")).Succeeded().JsonArray().Select(job => job as JsonObject ?? throw new Xunit.Sdk.XunitException($"not a job: {job?.ToJsonString()}"))];

    /// <summary>Writes the last lines of every silo's log (running ones, then stopped ones) to <paramref name="write"/>.</summary>
    public void WriteLogTails(Action<string> write, int lines = 30)
    {
        foreach (var silo in RunningSilos.Concat(_retired))
        {
            write($"--- {silo}{(silo.HasExited ? " (exited)" : "")}: last {lines} lines of its log ---");
            write(silo.ReadLogTail(lines));
        }
    }

    /// <summary>
    /// Writes every line of every silo's log (running ones, then stopped ones) that contains one of
    /// <paramref name="fragments"/> (ordinal) to <paramref name="write"/>, each prefixed with its silo's name; at most
    /// <paramref name="limit"/> lines per silo. For the evidence a scenario leaves in the logs (recoveries, sweeps, deaths).
    /// </summary>
    public void WriteLogLines(Action<string> write, IReadOnlyList<string> fragments, int limit = 40)
    {
        foreach (var silo in RunningSilos.Concat(_retired))
        {
            var lines = silo.ReadLog()
                .Split('\n')
                .Where(line => fragments.Any(fragment => line.Contains(fragment, StringComparison.Ordinal)))
                .ToList();
            foreach (var line in lines.Take(limit))
            {
                write($"[{silo.Options.Name}] {line.TrimEnd('\r')}");
            }

            if (lines.Count > limit)
            {
                write($"[{silo.Options.Name}] … {lines.Count - limit} more such line(s)");
            }
        }
    }

    /// <summary>Stops every silo (SIGTERM, by pid), then Redis, and deletes their directories.</summary>
    public async ValueTask DisposeAsync()
    {
        var silos = RunningSilos.Concat(_retired).ToList();
        Array.Clear(_running);
        _retired.Clear();
        await Task.WhenAll(silos.Select(s => s.DisposeAsync().AsTask()));
        if (_redisClient is not null)
        {
            await _redisClient.DisposeAsync();
        }

        await Redis.DisposeAsync();
    }

    /// <summary>The time of day, for progress lines.</summary>
    public static string Stamp() => DateTimeOffset.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private void Retire(int index)
    {
        lock (_retired)
        {
            _retired.Add(_running[index]!);
            _running[index] = null;
        }
    }

    [GeneratedRegex(@"Job (?<id>[A-Za-z0-9._:-]+) created")]
    private static partial Regex JobCreated();
}
