using OrleansScheduler.FaultTests.Support;

namespace OrleansScheduler.FaultTests;

/// <summary>
/// Kill the whole cluster (SIGKILL to both silos, no hand-off of reminders) and start it again: a job that falls due
/// shortly after the restart had its exact-time timer in a process that is gone, and its reminder ticks only every
/// wake-up period. The silos' start-up sweep of the due index must wake it in time to fire on time. The reminder period
/// (5 min) and misfire threshold (3 min) are long here, so neither the reminder nor the overdue backstop can be what fired it.
/// </summary>
[Trait("Category", "Fault")]
public sealed class ClusterCrashWakeTests(ITestOutputHelper output)
    : FaultScenario(output, "crash-wake", "--Scheduler:WakeUpPeriod", "00:05:00", "--Scheduler:MisfireThreshold", "00:03:00")
{
    // Well inside the 3-minute backstop and the 5-minute reminder tick, generous for a loaded machine.
    private static readonly TimeSpan OnTime = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WholeClusterKilled_AJobDueAfterTheRestart_FiresOnTime_WithoutWaitingForItsReminder()
    {
        // A restart after SIGKILL can take tens of seconds (new silos wait out the old ones' membership entries).
        var dueAt = Instant.WholeSecondAfter(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(90));
        var file = HttpJobs.Write(WorkDirectory.FullName, "crash-wake.json", [HttpJobs.Once("crash-wake-once", dueAt, Receiver.Url())]);
        (await Cluster.Osched.RunAsync("apply", file)).Succeeded();

        Cluster.KillSilo(0);
        Cluster.KillSilo(1);
        await Task.WhenAll(Enumerable.Range(0, 2).Select(Cluster.StartSiloAsync));
        var restarted = DateTimeOffset.UtcNow;
        Output.WriteLine($"{FaultCluster.Stamp()} cluster back {Instant.Seconds(dueAt - restarted)} before the job is due");
        Assert.True(restarted < dueAt, "precondition: the cluster took so long to restart that the job was already due");

        var runId = RunId.Of("crash-wake-once", dueAt);
        await Receiver.WaitForAllAsync([runId], "the one-shot due after the restart", dueAt - DateTimeOffset.UtcNow + TimeSpan.FromMinutes(6));

        var arrival = Assert.Single(Receiver.ArrivalsOf("crash-wake-once"));
        Output.WriteLine($"ran {Instant.Seconds(arrival.ArrivedAt - dueAt)} after it was due");
        Assert.True(arrival.ArrivedAt - dueAt < OnTime, $"the job ran {Instant.Seconds(arrival.ArrivedAt - dueAt)} after it was due: it waited for a reminder tick or the overdue backstop");
    }
}
