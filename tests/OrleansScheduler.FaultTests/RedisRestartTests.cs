using OrleansScheduler.FaultTests.Support;
using OrleansScheduler.Testing;

namespace OrleansScheduler.FaultTests;

/// <summary>
/// Issue #3, test 4: restart redis-server (AOF on: SIGTERM, then started again on the same port and directory) while
/// 50 one-second jobs fire and a backlog of slow runs waits in the queue. Every job is still defined afterwards, every
/// run that was queued or held still executes, and the jobs fire on.
/// </summary>
[Trait("Category", "Fault")]
public sealed class RedisRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int TickJobs = 50;
    private const int BacklogRuns = 200;
    private const int BacklogSleepMs = 500;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("osched-fault-redis-restart-");
    private FaultCluster _cluster = null!;
    private RunReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await RunReceiver.StartAsync();
        // Eight runs at a time per silo and half-second runs: the backlog stays queued for several seconds.
        _cluster = await FaultCluster.StartAsync("redis-restart", output.WriteLine, extraArguments: ["--max-concurrent-runs", "8"]);
    }

    [Fact]
    public async Task RedisRestartedUnderLoad_KeepsEveryJobDefined_AndRunsEveryQueuedRun()
    {
        var start = Instant.WholeSecondAfter(DateTimeOffset.UtcNow, TimeSpan.Zero).AddSeconds(-10);
        var backlogAt = Instant.WholeSecondAfter(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(8));
        var ticks = Enumerable.Range(0, TickJobs).Select(i => $"redis-tick-{i:00}").ToList();
        var backlog = Enumerable.Range(0, BacklogRuns).Select(i => $"redis-backlog-{i:000}").ToList();
        var backlogRunIds = backlog.Select(id => RunId.Of(id, backlogAt)).ToHashSet(StringComparer.Ordinal);
        var file = HttpJobs.Write(_directory.FullName, "redis-restart.json",
            ticks.Select(id => HttpJobs.Every(id, "1s", start, _receiver.Url()))
                .Concat(backlog.Select(id => HttpJobs.Once(id, backlogAt, _receiver.Url(BacklogSleepMs)))));
        (await _cluster.Osched.RunAsync("apply", file)).Succeeded();
        var defined = (await _cluster.ListJobsAsync()).Select(job => (string)job["id"]!).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(TickJobs + BacklogRuns, defined.Count);

        await Eventually.TrueAsync(
            () => Task.FromResult(BacklogRuns - _receiver.Missing(backlogRunIds).Count >= BacklogRuns / 4),
            "a quarter of the backlog to run",
            TimeSpan.FromSeconds(60));

        // What Redis owes at this moment: everything queued or taken and not acknowledged. Runs move on between this
        // read and the stop, but only within Redis (queue → processing list) or out of it once executed.
        var queued = await _cluster.ReadQueueAsync();
        var held = (await _cluster.ReadProcessingListAsync(0)).RunIds.Concat((await _cluster.ReadProcessingListAsync(1)).RunIds).ToList();
        Assert.True(queued.Count > 0, "precondition: the queue was empty when Redis was stopped");
        var stoppedAt = DateTimeOffset.UtcNow;
        await _cluster.Redis.StopAsync();
        output.WriteLine($"{FaultCluster.Stamp()} redis-server stopped (SIGTERM) with {queued.Count} run(s) queued and {held.Count} held");
        await _cluster.RestartRedisAsync();
        var restartedAt = DateTimeOffset.UtcNow;
        output.WriteLine($"{FaultCluster.Stamp()} redis-server started again on port {_cluster.Redis.Port} after {Instant.Seconds(restartedAt - stoppedAt)}");

        var owed = backlogRunIds.Concat(queued).Concat(held).ToHashSet(StringComparer.Ordinal);
        await _receiver.WaitForAllAsync(owed, "every run queued or held when Redis stopped, and the whole backlog", TimeSpan.FromSeconds(90));
        await Eventually.TrueAsync(
            () => Task.FromResult(ticks.All(id => Timeline(id, start).Last > restartedAt + TimeSpan.FromSeconds(2))),
            "every one-second job to fire again after the restart",
            TimeSpan.FromSeconds(60));

        var after = (await _cluster.ListJobsAsync()).Select(job => (string)job["id"]!).ToHashSet(StringComparer.Ordinal);
        Assert.True(after.SetEquals(defined), $"jobs defined before and after the Redis restart differ: lost [{string.Join(", ", defined.Except(after))}], new [{string.Join(", ", after.Except(defined))}]");
        Assert.All(_cluster.RunningSilos, silo => Assert.False(silo.HasExited, $"{silo} exited"));
        var unexpected = _receiver.CountByRunId().Keys.Where(id => !backlogRunIds.Contains(id) && !ticks.Any(t => id.StartsWith(t + "@", StringComparison.Ordinal))).ToList();
        Assert.True(unexpected.Count == 0, $"run ids of no job arrived: {string.Join(", ", unexpected.Take(10))}");
        var repeated = _receiver.CountByRunId().Where(e => e.Value > 1).Select(e => e.Key).ToList();
        output.WriteLine($"{after.Count} jobs defined after the restart; {owed.Count} owed runs all executed; runs executed more than once: {repeated.Count}" +
            (repeated.Count == 0 ? "" : ": " + string.Join(", ", repeated.Take(10))));
    }

    public async Task DisposeAsync()
    {
        _cluster?.WriteLogTails(output.WriteLine);
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }

        _directory.Delete(recursive: true);
    }

    private JobTimeline Timeline(string jobId, DateTimeOffset start) => new(jobId, start, TimeSpan.FromSeconds(1), _receiver.ArrivalsOf(jobId));
}
