using OrleansScheduler.FaultTests.Support;
using OrleansScheduler.Testing;

namespace OrleansScheduler.FaultTests;

/// <summary>
/// Issue #3, test 3: stop the whole cluster (SIGTERM to both silos) for 30 s and start it again on the same ports.
/// Jobs resume; the occurrences missed while no silo ran are handled by the default misfire policy (FireOnce: one run
/// for the gap, the rest recorded Skipped); no occurrence due before the stop is missing, and the runs still queued
/// when the cluster stopped execute after it is back.
/// </summary>
[Trait("Category", "Fault")]
// Four runs at a time per silo and one-second runs: the backlog outlasts the moment the cluster stops.
public sealed class ClusterRestartTests(ITestOutputHelper output) : FaultScenario(output, "restart", "--max-concurrent-runs", "4")
{
    private const int TickJobs = 6;
    private const int BacklogRuns = 150;
    private const int BacklogSleepMs = 1000;
    private static readonly TimeSpan Downtime = TimeSpan.FromSeconds(30);


    [Fact]
    public async Task WholeClusterStoppedFor30s_ResumesWithFireOnce_LosesNoOccurrenceDueBeforeTheStop_AndRunsWhatWasQueued()
    {
        var start = Instant.WholeSecondAfter(DateTimeOffset.UtcNow, TimeSpan.Zero).AddSeconds(-10);
        var backlogAt = Instant.WholeSecondAfter(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(8));
        var ticks = Enumerable.Range(0, TickJobs).Select(i => $"restart-tick-{i}").ToList();
        var backlog = Enumerable.Range(0, BacklogRuns).Select(i => $"restart-backlog-{i:000}").ToList();
        var backlogRunIds = backlog.Select(id => RunId.Of(id, backlogAt)).ToHashSet(StringComparer.Ordinal);
        var file = HttpJobs.Write(WorkDirectory.FullName, "restart.json",
            ticks.Select(id => HttpJobs.Every(id, "1s", start, Receiver.Url()))
                .Concat(backlog.Select(id => HttpJobs.Once(id, backlogAt, Receiver.Url(BacklogSleepMs)))));
        (await Cluster.Osched.RunAsync("apply", file)).Succeeded();

        await Eventually.TrueAsync(
            () => Task.FromResult(ticks.All(id => Receiver.ArrivalsOf(id).Count >= 3) && BacklogRuns - Receiver.Missing(backlogRunIds).Count >= BacklogRuns / 5),
            "every one-second job to fire three times and a fifth of the backlog to run",
            TimeSpan.FromSeconds(60));

        var stoppedAt = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, 2).Select(Cluster.StopSiloAsync));
        var stopped = DateTimeOffset.UtcNow;
        var queuedAtStop = await Cluster.ReadQueueAsync();
        var heldAtStop = (await Cluster.ReadProcessingListAsync(0)).RunIds.Concat((await Cluster.ReadProcessingListAsync(1)).RunIds).ToList();
        Output.WriteLine($"{FaultCluster.Stamp()} cluster stopped in {Instant.Seconds(stopped - stoppedAt)}; {queuedAtStop.Count} run(s) queued, {heldAtStop.Count} held in processing lists; " +
            $"{backlogRunIds.Count - Receiver.Missing(backlogRunIds).Count} of {BacklogRuns} backlog runs done");
        Assert.True(queuedAtStop.Count > 0, "precondition: nothing was queued when the cluster stopped");

        await Task.Delay(Downtime - (DateTimeOffset.UtcNow - stopped));
        var restartedAt = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, 2).Select(Cluster.StartSiloAsync));
        Output.WriteLine($"{FaultCluster.Stamp()} cluster started again, {Instant.Seconds(DateTimeOffset.UtcNow - restartedAt)} after the restart began and {Instant.Seconds(restartedAt - stopped)} after it stopped");

        var owed = backlogRunIds.Concat(queuedAtStop).Concat(heldAtStop).ToHashSet(StringComparer.Ordinal);
        await Receiver.WaitForAllAsync(owed, "the backlog and every run queued or held at the stop", TimeSpan.FromSeconds(120));
        await Eventually.TrueAsync(
            () => Task.FromResult(ticks.All(id => Timeline(id, start).FirstArrivalOfOccurrenceAfter(restartedAt) is { } resumed && Timeline(id, start).Last > resumed.ArrivedAt + TimeSpan.FromSeconds(3))),
            "every one-second job to fire again and run on for 3 s",
            TimeSpan.FromSeconds(60));

        var histories = await Cluster.ReadHistoriesAsync(ticks);
        var problems = new List<string>();
        foreach (var id in ticks)
        {
            var timeline = Timeline(id, start);
            var resumed = timeline.FirstArrivalOfOccurrenceAfter(restartedAt)!;
            Output.WriteLine($"{timeline}; fired again {Instant.Seconds(resumed.ArrivedAt - restartedAt)} after the restart began ({resumed.RunId})");
            foreach (var skipped in histories[id].Where(h => h.Status == "Skipped"))
            {
                Output.WriteLine($"    {skipped}");
            }

            // Every occurrence due before the stop was enqueued before it: it must have run, then or after the restart.
            problems.AddRange(timeline.MissingUpTo(stoppedAt - TimeSpan.FromSeconds(1))
                .Select(t => $"{id}: the occurrence {Instant.Print(t)}, due before the cluster stopped, never ran"));
            problems.AddRange(timeline.Unexpected.Select(runId => $"{id}: a run id that names no occurrence of the job arrived: {runId}"));
            problems.AddRange(MisfireExpectations.CheckMissed("FireOnce", timeline, histories[id], [.. owed]));
        }

        var repeated = Receiver.CountByRunId().Where(e => e.Value > 1).Select(e => e.Key).ToList();
        Output.WriteLine($"runs executed more than once: {repeated.Count}{(repeated.Count == 0 ? "" : ": " + string.Join(", ", repeated.Take(10)))}");
        AssertNoProblems(problems);
    }

    private JobTimeline Timeline(string jobId, DateTimeOffset start) => new(jobId, start, TimeSpan.FromSeconds(1), Receiver.ArrivalsOf(jobId));
}
