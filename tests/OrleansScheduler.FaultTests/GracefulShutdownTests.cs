using OrleansScheduler.FaultTests.Support;
using OrleansScheduler.Testing;

namespace OrleansScheduler.FaultTests;

/// <summary>
/// Graceful shutdown: SIGTERM one of two silos while its runs are in flight. It exits on its own (no SIGKILL needed),
/// its processing list is empty afterwards (finished or handed back), and no run is lost.
/// </summary>
[Trait("Category", "Fault")]
public sealed class GracefulShutdownTests(ITestOutputHelper output) : FaultScenario(output, "sigterm")
{
    private const int Runs = 600;
    private const int HandlerSleepMs = 1000;


    [Fact]
    public async Task SigtermDuringBurst_ExitsGracefully_LeavesItsProcessingListEmpty_AndLosesNoRun()
    {
        var dueAt = Instant.WholeSecondAfter(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(8));
        var jobIds = Enumerable.Range(0, Runs).Select(i => $"sigterm-{i:000}").ToList();
        var expected = jobIds.Select(id => RunId.Of(id, dueAt)).ToHashSet(StringComparer.Ordinal);
        var file = HttpJobs.Write(WorkDirectory.FullName, "sigterm.json", jobIds.Select(id => HttpJobs.Once(id, dueAt, Receiver.Url(HandlerSleepMs))));
        (await Cluster.Osched.RunAsync("apply", file)).Succeeded();

        await Eventually.TrueAsync(() => Task.FromResult(Receiver.Count >= Runs / 5), "a fifth of the burst to arrive", TimeSpan.FromSeconds(60));
        var inFlight = await Cluster.ReadProcessingListAsync(0);
        var silo = Cluster.Silo(0);
        await Cluster.StopSiloAsync(0);
        var leftOver = await Cluster.ReadProcessingListAsync(0);
        Output.WriteLine($"{FaultCluster.Stamp()} {silo} had {inFlight.RunIds.Count} run(s) in flight at SIGTERM; its processing list after exit: {leftOver}");
        Assert.False(inFlight.IsEmpty, "precondition: the silo had no run in flight when it was stopped");
        Assert.False(FaultCluster.NeededKillAfterTerm(silo), $"{silo} did not exit within {SiloProcess.StopTimeout.TotalSeconds:0} s of SIGTERM and was killed");
        Assert.True(leftOver.IsEmpty, $"the stopped silo's processing list still holds runs: {leftOver}");

        await Receiver.WaitForAllAsync(expected, "every run of the burst", TimeSpan.FromSeconds(90));
        await Receiver.WaitForQuietAsync(TimeSpan.FromSeconds(2));
        var counts = Receiver.CountByRunId();
        var unexpected = counts.Keys.Where(id => !expected.Contains(id)).ToList();
        var repeated = counts.Where(e => e.Value > 1).Select(e => e.Key).ToList();
        Output.WriteLine($"all {Runs} runs arrived; runs executed more than once: {repeated.Count}");
        Assert.True(unexpected.Count == 0, $"run ids outside the burst arrived: {string.Join(", ", unexpected.Take(10))}");

        // One-second runs finish well within the default grace period (20 s): none needed handing back, so none ran twice.
        Assert.True(repeated.Count == 0, $"{repeated.Count} run(s) executed twice although every run in flight could finish within the grace period: {string.Join(", ", repeated.Take(10))}");
    }

}
