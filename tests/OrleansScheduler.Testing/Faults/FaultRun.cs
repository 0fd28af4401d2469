using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansScheduler.Redis;
using StackExchange.Redis;

namespace OrleansScheduler.Testing.Faults;

/// <summary>
/// A seeded fault run on real processes: Redis and silos, a workload of recurring jobs and one-shots whose every
/// execution an independent <see cref="RunReceiver"/> records, and a <see cref="Nemesis"/> that kills, freezes and stops
/// silos, kills and pauses Redis and stalls or cuts silos' connections to it, at random from a printed seed. Then it
/// heals everything, lets the cluster settle, pauses the recurring jobs, and audits what happened
/// (<see cref="FaultRunAudit"/>).
/// </summary>
public static class FaultRun
{
    private const int PauseAttempts = 3;

    private static readonly TimeSpan OneShotDeadline = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan QuietDeadline = TimeSpan.FromSeconds(90);

    /// <summary>Runs it, writing progress to <paramref name="log"/>, and returns the report (it throws only when the run itself cannot proceed).</summary>
    public static async Task<FaultRunReport> RunAsync(FaultRunOptions options, Action<string> log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        void Log(string line) => log($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {line}");
        Log($"fault run with seed {options.Seed} (replay: OSCHED_FAULT_SEED={options.Seed}, or --seed {options.Seed} in the benchmark harness); faults for {options.FaultWindow.TotalSeconds:0} s");
        await using var receiver = await RunReceiver.StartAsync().ConfigureAwait(false);
        await using var cluster = await FaultRunCluster.StartAsync("faultrun", options.Silos, Log).ConfigureAwait(false);
        try
        {
            return await RunAsync(options, receiver, cluster, Log, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            log(cluster.LogTails(40));
            throw;
        }
    }

    private static async Task<FaultRunReport> RunAsync(FaultRunOptions options, RunReceiver receiver, FaultRunCluster cluster, Action<string> log, CancellationToken cancellationToken)
    {
        // The workload has a random source of its own, so that the faults drawn from the seed do not depend on it.
        var workloadRandom = new Random(HashCode.Combine(options.Seed, "workload"));
        var now = DateTimeOffset.UtcNow;
        var anchor = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(1);
        var oneShotsFrom = now + options.WarmUp + TimeSpan.FromSeconds(10);
        var workload = FaultWorkload.Create(options, workloadRandom, anchor, oneShotsFrom, oneShotsFrom + options.FaultWindow, receiver.Url);
        var file = Path.Combine(Path.GetTempPath(), $"osched-faultrun-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, new JsonArray([.. workload.Entries]).ToJsonString(), cancellationToken).ConfigureAwait(false);
        try
        {
            var apply = await cluster.Osched.RunAsync("apply", file).ConfigureAwait(false);
            if (apply.ExitCode != 0)
            {
                throw new InvalidOperationException($"osched apply failed: {apply}");
            }
        }
        finally
        {
            File.Delete(file);
        }

        var appliedAt = DateTimeOffset.UtcNow;
        log($"applied {workload.Entries.Count} jobs ({workload.Recurring.Count} every second, {workload.OneShots.Count} one-shots)");
        await Task.Delay(options.WarmUp, cancellationToken).ConfigureAwait(false);

        var nemesis = new Nemesis(cluster, options, log);
        await nemesis.RunAsync(DateTimeOffset.UtcNow + options.FaultWindow, cancellationToken).ConfigureAwait(false);

        // Heal: nothing frozen or stalled, every silo running and healthy.
        cluster.ThawAll();
        await cluster.RestartExitedAsync().ConfigureAwait(false);
        for (var i = 0; i < cluster.Count; i++)
        {
            await cluster.Silo(i)!.WaitUntilHealthyAsync(SiloProcess.ReadyTimeout, cancellationToken).ConfigureAwait(false);
        }

        var healedAt = DateTimeOffset.UtcNow;
        log("healed: every silo running and healthy");

        // Settle: every one-shot due has run, every recurring job fires again; then pause the recurring ones, and wait for
        // what is queued, running or retrying to finish.
        await WaitAsync(() => workload.OneShots.All(o => receiver.ArrivalsOf(o.Key).Count > 0), OneShotDeadline, cancellationToken).ConfigureAwait(false);
        await WaitAsync(() => workload.Recurring.All(id => receiver.ArrivalsOf(id).Any(a => a.ArrivedAt > healedAt + TimeSpan.FromSeconds(5))), TimeSpan.FromSeconds(40), cancellationToken).ConfigureAwait(false);
        var pausedAt = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(workload.Recurring, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (id, _) =>
        {
            // Exit 1 is "the cluster is unavailable" (osched's documented transient failure): on a loaded machine, just
            // after the heal, a client can fail to reach a gateway within its 15 s; a user would run it again, and so does this.
            var pause = await cluster.Osched.RunAsync("pause", id).ConfigureAwait(false);
            for (var attempt = 1; pause.ExitCode == 1 && attempt < PauseAttempts; attempt++)
            {
                log($"osched pause {id} exited with 1 (cluster unavailable); trying again");
                pause = await cluster.Osched.RunAsync("pause", id).ConfigureAwait(false);
            }

            if (pause.ExitCode != 0)
            {
                throw new InvalidOperationException($"osched pause {id} failed: {pause}");
            }
        }).ConfigureAwait(false);
        log("recurring jobs paused");

        var redis = await cluster.AdminAsync().ConfigureAwait(false);
        var left = await WaitForQuietRedisAsync(redis, new SchedulerKeys(cluster.ServiceId), cancellationToken).ConfigureAwait(false);
        await receiver.WaitForQuietAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
        var histories = await ReadHistoriesAsync(redis, new SchedulerKeys(cluster.ServiceId), workload).ConfigureAwait(false);

        var arrivals = receiver.Snapshot();
        var seen = new FaultRunObservations(workload, nemesis.Events, arrivals, histories, left, appliedAt, healedAt, pausedAt);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["faults"] = nemesis.Events.Count,
            ["executions"] = arrivals.Count,
            ["runs executed more than once"] = arrivals.GroupBy(a => (a.RunId, a.Attempt)).LongCount(g => g.Count() > 1),
            ["occurrences recorded skipped"] = histories.Values.SelectMany(h => h).LongCount(h => h.Status == "Skipped"),
            ["one-shots"] = workload.OneShots.Count,
            ["silo restarts"] = cluster.LogLines("Application started.").LongCount() - options.Silos,
        };
        var report = new FaultRunReport(options.Seed, nemesis.Events, FaultRunAudit.Check(seen, options), counts);
        if (!report.Passed)
        {
            log(cluster.LogTails(60));
        }

        return report;
    }

    private static async Task WaitAsync(Func<bool> done, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!done() && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until no run waits in a queue, a processing list or the retry set; returns what is left after the deadline.</summary>
    private static async Task<IReadOnlyList<string>> WaitForQuietRedisAsync(ConnectionMultiplexer redis, SchedulerKeys keys, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + QuietDeadline;
        while (true)
        {
            var left = new List<string>();
            var db = redis.GetDatabase();
            var server = redis.GetServer(redis.GetEndPoints()[0]);
            await foreach (var key in server.KeysAsync(pattern: keys.Prefix + "*", pageSize: 1000).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var name = (string)key!;
                if (name.StartsWith(keys.QueuePrefix, StringComparison.Ordinal) || name.StartsWith(keys.ProcessingPrefix, StringComparison.Ordinal))
                {
                    var length = await db.ListLengthAsync(key).ConfigureAwait(false);
                    if (length > 0)
                    {
                        left.Add($"{name[keys.Prefix.Length..]}: {length} run(s)");
                    }
                }
            }

            var retrying = await db.SortedSetLengthAsync(keys.Retry).ConfigureAwait(false);
            if (retrying > 0)
            {
                left.Add($"retry: {retrying} run(s)");
            }

            if (left.Count == 0 || DateTimeOffset.UtcNow > deadline)
            {
                return left;
            }

            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<HistoryRecord>>> ReadHistoriesAsync(ConnectionMultiplexer redis, SchedulerKeys keys, FaultWorkload workload)
    {
        var db = redis.GetDatabase();
        var histories = new Dictionary<string, IReadOnlyList<HistoryRecord>>(StringComparer.Ordinal);
        foreach (var id in workload.Recurring.Concat(workload.OneShots.Keys))
        {
            var entries = await db.ListRangeAsync(keys.History(id)).ConfigureAwait(false);
            histories[id] = [.. entries.Select(e => Parse((string)e!))];
        }

        return histories;
    }

    private static HistoryRecord Parse(string json)
    {
        using var entry = JsonDocument.Parse(json);
        var root = entry.RootElement;
        return new HistoryRecord(
            root.GetProperty("runId").GetString()!,
            DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("occurrence").GetInt64()),
            root.TryGetProperty("attempt", out var attempt) ? attempt.GetInt32() : 1,
            root.GetProperty("status").GetString()!);
    }
}
