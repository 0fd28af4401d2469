using System.Diagnostics;
using OrleansScheduler.FaultTests.Support;
using OrleansScheduler.Testing;

namespace OrleansScheduler.FaultTests;

/// <summary>
/// Issue #3, test 1: SIGKILL one of two silo processes while a burst of 2,000 runs is in flight. Every run executes at
/// least once, and the runs that execute twice are exactly those the dead silo had taken (its processing list at the
/// moment of the kill) and already started (they had reached the receiver).
/// </summary>
[Trait("Category", "Fault")]
public sealed class SiloCrashDuringBurstTests(ITestOutputHelper output) : FaultScenario(output, "burst")
{
    private const int Runs = 2000;
    private const int HandlerSleepMs = 100;
    private const double KillAtFraction = 0.25;
    private static readonly TimeSpan ApplyLead = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(120);


    [Fact]
    public async Task KillDashNine_DuringBurst_RunsEveryRunAtLeastOnce_AndRepeatsExactlyTheStartedRunsOfTheDeadSilo()
    {
        var dueAt = Instant.WholeSecondAfter(DateTimeOffset.UtcNow, ApplyLead);
        var jobIds = Enumerable.Range(0, Runs).Select(i => $"burst-{i:0000}").ToList();
        var expected = jobIds.Select(id => RunId.Of(id, dueAt)).ToHashSet(StringComparer.Ordinal);
        var file = HttpJobs.Write(WorkDirectory.FullName, "burst.json", jobIds.Select(id => HttpJobs.Once(id, dueAt, Receiver.Url(HandlerSleepMs))));
        var applied = (await Cluster.Osched.RunAsync("apply", file)).Succeeded();
        Output.WriteLine($"{FaultCluster.Stamp()} applied {Runs} one-shot jobs due at {Instant.Print(dueAt)} in {Instant.Seconds(applied.Elapsed)}: {applied.Stdout.Trim()}");

        await Eventually.TrueAsync(() => Task.FromResult(Receiver.Count >= Runs * KillAtFraction), $"{KillAtFraction:P0} of the burst to arrive", TimeSpan.FromSeconds(90));
        var killedAt = Cluster.KillSilo(0);
        var arrivedAtKill = Receiver.Count;
        var processing = await Cluster.ReadProcessingListAsync(0);
        Output.WriteLine($"{FaultCluster.Stamp()} killed silo 0 with {arrivedAtKill} of {Runs} arrivals; its processing list: {processing}");

        // Requests the dead silo wrote before it died may be read by the receiver a moment later. Until the dead silo's
        // list is recovered (the whole list at once, after Orleans has declared the silo dead) no other silo can run
        // those runs, so while the list is still intact every arrival of one of its runs is the dead silo's own execution.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var startedBeforeKill = Receiver.Snapshot().Select(a => a.RunId).ToHashSet(StringComparer.Ordinal);
        var processingAfterSettle = await Cluster.ReadProcessingListAsync(0);
        Assert.True(processing.RunIds.SequenceEqual(processingAfterSettle.RunIds),
            $"the dead silo's processing list changed within 300 ms of the kill, so which of its runs had started cannot be told: {processing} then {processingAfterSettle}");
        Assert.False(processing.IsEmpty, "precondition: the killed silo held no run in flight; nothing to recover");

        var expectedRepeats = processing.RunIds.Where(startedBeforeKill.Contains).ToHashSet(StringComparer.Ordinal);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            await Eventually.TrueAsync(
                () => Task.FromResult(AllArrived(expected, expectedRepeats)),
                $"every run of the burst to arrive and the {expectedRepeats.Count} started runs of the dead silo's list to arrive again",
                RecoveryDeadline);
        }
        catch (TimeoutException ex)
        {
            var counts = Receiver.CountByRunId();
            var missing = expected.Where(id => !counts.ContainsKey(id)).ToList();
            var missingInList = missing.Where(processing.RunIds.Contains).ToList();
            var notRepeated = expectedRepeats.Where(id => counts.GetValueOrDefault(id) < 2).ToList();
            var now = await Cluster.ReadProcessingListAsync(0);
            Assert.Fail(
                $"{ex.Message}{Environment.NewLine}" +
                $"{missing.Count} run(s) never arrived, {missingInList.Count} of them in the dead silo's processing list; " +
                $"{notRepeated.Count} of the {expectedRepeats.Count} started runs of that list never arrived again. " +
                $"The dead silo's processing list now: {now}. Queue now: {(await Cluster.ReadQueueAsync()).Count} run(s). " +
                $"Missing, e.g.: {string.Join(", ", missing.Take(10))}");
        }

        // Let stray re-executions show themselves: wait until nothing arrives for 3 s.
        await Receiver.WaitForQuietAsync(TimeSpan.FromSeconds(3));

        var arrivals = Receiver.Snapshot();
        var byRunId = Receiver.CountByRunId();
        var recovery = arrivals.Max(a => a.ArrivedAt) - killedAt;
        var repeated = byRunId.Where(e => e.Value > 1).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        Output.WriteLine(
            $"recovery (kill → last arrival): {Instant.Seconds(recovery)}; {arrivals.Count} arrivals of {byRunId.Count} run ids; " +
            $"duplicates: {repeated.Count} (dead silo's processing list: {processing.RunIds.Count} runs, {expectedRepeats.Count} of them started before the kill)");

        var unexpected = byRunId.Keys.Where(id => !expected.Contains(id)).ToList();
        Assert.True(unexpected.Count == 0, $"{unexpected.Count} arrival(s) of run ids outside the burst: {string.Join(", ", unexpected.Take(10))}");
        Assert.All(expected, id => Assert.True(byRunId.ContainsKey(id), $"{id} never ran"));
        Assert.True(repeated.SetEquals(expectedRepeats),
            $"runs executed more than once should be exactly the started runs of the dead silo's list; " +
            $"repeated but not expected: [{string.Join(", ", repeated.Except(expectedRepeats).Take(10))}]; " +
            $"expected but not repeated: [{string.Join(", ", expectedRepeats.Except(repeated).Take(10))}]");
        Assert.True(byRunId.Values.All(n => n <= 2), $"a run executed more than twice: {string.Join(", ", byRunId.Where(e => e.Value > 2).Select(e => $"{e.Key} ×{e.Value}"))}");
    }

    private bool AllArrived(HashSet<string> expected, HashSet<string> expectedRepeats)
    {
        var counts = Receiver.CountByRunId();
        return expected.All(counts.ContainsKey) && expectedRepeats.All(id => counts[id] >= 2);
    }
}
