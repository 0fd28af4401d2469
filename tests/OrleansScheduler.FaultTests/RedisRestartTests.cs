using OrleansScheduler.FaultTests.Support;
using OrleansScheduler.Testing;

namespace OrleansScheduler.FaultTests;

/// <summary>
/// Issue #3, test 4: restart redis-server (AOF on: SIGTERM, then started again on the same port and directory) while
/// 50 one-second jobs fire and a backlog of slow runs waits in the queue. Every job is still defined afterwards, every
/// run that was queued or held still executes, and the jobs fire on.
/// </summary>
[Trait("Category", "Fault")]
public sealed class RedisRestartTests(ITestOutputHelper output) : FaultScenario(output, "redis-restart", "--max-concurrent-runs", "8")
{
    private const int TickJobs = 50;
    private const int BacklogRuns = 200;
    private const int BacklogSleepMs = 500;


    [Fact]
    public async Task RedisRestartedUnderLoad_KeepsEveryJobDefined_AndRunsEveryQueuedRun()
    {
        var start = Instant.WholeSecondAfter(DateTimeOffset.UtcNow, TimeSpan.Zero).AddSeconds(-10);
        var backlogAt = Instant.WholeSecondAfter(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(8));
        var ticks = Enumerable.Range(0, TickJobs).Select(i => $"redis-tick-{i:00}").ToList();
        var backlog = Enumerable.Range(0, BacklogRuns).Select(i => $"redis-backlog-{i:000}").ToList();
        var backlogRunIds = backlog.Select(id => RunId.Of(id, backlogAt)).ToHashSet(StringComparer.Ordinal);
        var file = HttpJobs.Write(WorkDirectory.FullName, "redis-restart.json",
            ticks.Select(id => HttpJobs.Every(id, "1s", start, Receiver.Url()))
                .Concat(backlog.Select(id => HttpJobs.Once(id, backlogAt, Receiver.Url(BacklogSleepMs)))));
        (await Cluster.Osched.RunAsync("apply", file)).Succeeded();
        var defined = (await Cluster.ListJobsAsync()).Select(job => (string)job["id"]!).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(TickJobs + BacklogRuns, defined.Count);

        await Eventually.TrueAsync(
            () => Task.FromResult(BacklogRuns - Receiver.Missing(backlogRunIds).Count >= BacklogRuns / 4),
            "a quarter of the backlog to run",
            TimeSpan.FromSeconds(60));

        // What Redis owes at this moment: everything queued or taken and not acknowledged. Runs move on between this
        // read and the stop, but only within Redis (queue → processing list) or out of it once executed.
        var queued = await Cluster.ReadQueueAsync();
        var held = (await Cluster.ReadProcessingListAsync(0)).RunIds.Concat((await Cluster.ReadProcessingListAsync(1)).RunIds).ToList();
        Assert.True(queued.Count > 0, "precondition: the queue was empty when Redis was stopped");
        var stoppedAt = DateTimeOffset.UtcNow;
        await Cluster.Redis.StopAsync();
        Output.WriteLine($"{FaultCluster.Stamp()} redis-server stopped (SIGTERM) with {queued.Count} run(s) queued and {held.Count} held");
        await Cluster.RestartRedisAsync();
        var restartedAt = DateTimeOffset.UtcNow;
        Output.WriteLine($"{FaultCluster.Stamp()} redis-server started again on port {Cluster.Redis.Port} after {Instant.Seconds(restartedAt - stoppedAt)}");

        var owed = backlogRunIds.Concat(queued).Concat(held).ToHashSet(StringComparer.Ordinal);
        await Receiver.WaitForAllAsync(owed, "every run queued or held when Redis stopped, and the whole backlog", TimeSpan.FromSeconds(90));
        await Eventually.TrueAsync(
            () => Task.FromResult(ticks.All(id => Timeline(id, start).Last > restartedAt + TimeSpan.FromSeconds(2))),
            "every one-second job to fire again after the restart",
            TimeSpan.FromSeconds(60));

        var after = (await Cluster.ListJobsAsync()).Select(job => (string)job["id"]!).ToHashSet(StringComparer.Ordinal);
        Assert.True(after.SetEquals(defined), $"jobs defined before and after the Redis restart differ: lost [{string.Join(", ", defined.Except(after))}], new [{string.Join(", ", after.Except(defined))}]");
        Assert.All(Cluster.RunningSilos, silo => Assert.False(silo.HasExited, $"{silo} exited"));
        var unexpected = Receiver.CountByRunId().Keys.Where(id => !backlogRunIds.Contains(id) && !ticks.Any(t => id.StartsWith(t + "@", StringComparison.Ordinal))).ToList();
        Assert.True(unexpected.Count == 0, $"run ids of no job arrived: {string.Join(", ", unexpected.Take(10))}");
        var repeated = Receiver.CountByRunId().Where(e => e.Value > 1).Select(e => e.Key).ToList();
        Output.WriteLine($"{after.Count} jobs defined after the restart; {owed.Count} owed runs all executed; runs executed more than once: {repeated.Count}" +
            (repeated.Count == 0 ? "" : ": " + string.Join(", ", repeated.Take(10))));
    }

    private JobTimeline Timeline(string jobId, DateTimeOffset start) => new(jobId, start, TimeSpan.FromSeconds(1), Receiver.ArrivalsOf(jobId));
}
