using System.Diagnostics;
using OrleansScheduler.FaultTests.Support;
using OrleansScheduler.Testing;

namespace OrleansScheduler.FaultTests;

/// <summary>
/// Fault run finding N5: a frozen silo (SIGSTOP; for a long GC pause, a stopped VM or container) was declared dead only
/// after 24–30 s, a crashed one (SIGKILL) after 2–4 s, and every job on the frozen silo waited that long. Orleans
/// withholds its suspicion vote against a silo whose connection received anything within
/// <c>MaxProbeTimeout × NumMissedProbesLimit</c> (its connection liveness check); with Orleans' default
/// <c>MaxProbeTimeout</c> of 4 × <c>ProbeTimeout</c> that is 3 × 8 s = 24 s of silence. A crash closes the connection, so
/// nothing is withheld; a freeze leaves it open. The silo host now sets <c>MaxProbeTimeout</c> to <c>ProbeTimeout</c>
/// (window 6 s). Three silos at the shipped settings: one is frozen until the membership table (in Redis, the cluster's
/// own record, not any silo's view) shows it dead; then, for comparison, the same silo started again is killed.
/// </summary>
/// <remarks>
/// Measured on a 2-core machine: freeze → dead 23.7–24.2 s with the old settings, 5.5–6.4 s with the new (6.2–7.4 s
/// with two CPU burners running); crash → dead 2.1–2.8 s with both. The bound, 15 s, sits well between, generous for
/// a loaded machine.
/// </remarks>
[Trait("Category", "Fault")]
public sealed class FreezeDetectionTests(ITestOutputHelper output)
    : FaultScenario(output, "freeze", "--Logging:LogLevel:Orleans.Runtime.MembershipService.ClusterHealthMonitor", "Information")
{
    private const int Victim = 2;

    private static readonly TimeSpan DeclaredDeadBound = TimeSpan.FromSeconds(15);

    // Long enough to measure the old settings' 24 s too, so a failure says by how much the bound was missed.
    private static readonly TimeSpan WatchLimit = TimeSpan.FromSeconds(40);

    // Each silo's monitors adapt their probe timeout to measured round trips once they have a few samples (a probe
    // about every second): faults are injected only after every silo has been active this long.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(8);

    protected override int Silos => 3;

    [Fact]
    public async Task N5_FrozenSilo_IsDeclaredDead_AboutAsFastAsACrashedOne()
    {
        await WaitUntilAllActiveAsync();

        var frozen = Cluster.Silo(Victim);
        var frozenRow = await ActiveRowAsync(Victim);
        var watch = Stopwatch.StartNew();
        ProcessSignals.Freeze(frozen.Pid);
        Output.WriteLine($"{FaultCluster.Stamp()} SIGSTOP {frozen} ({frozenRow})");
        TimeSpan? freezeToDead;
        try
        {
            freezeToDead = await TimeUntilDeadAsync(Victim, frozenRow, watch);
        }
        finally
        {
            ProcessSignals.Thaw(frozen.Pid);
        }

        Output.WriteLine($"{FaultCluster.Stamp()} frozen silo declared dead: {Describe(freezeToDead)} after SIGSTOP");
        Cluster.WriteLogLines(Output.WriteLine, ["Suppressing vote"], limit: 3);

        // Declared dead, it would kill itself once resumed; kill it now and start it again for the crash.
        Cluster.KillSilo(Victim);
        await Cluster.StartSiloAsync(Victim);
        await WaitUntilAllActiveAsync();
        var crashedRow = await ActiveRowAsync(Victim);
        watch.Restart();
        Cluster.KillSilo(Victim);
        var crashToDead = await TimeUntilDeadAsync(Victim, crashedRow, watch);
        Output.WriteLine($"{FaultCluster.Stamp()} crashed silo declared dead: {Describe(crashToDead)} after SIGKILL");

        var figures = $"freeze → dead {Describe(freezeToDead)}, crash → dead {Describe(crashToDead)}";
        Assert.True(
            freezeToDead < DeclaredDeadBound,
            $"a frozen silo must be declared dead within {Instant.Seconds(DeclaredDeadBound)} (about as fast as a crashed one); {figures}");
        Assert.True(crashToDead < DeclaredDeadBound, $"a crashed silo must be declared dead within {Instant.Seconds(DeclaredDeadBound)}; {figures}");
    }

    private async Task WaitUntilAllActiveAsync()
    {
        await Eventually.TrueAsync(
            async () =>
            {
                for (var i = 0; i < Silos; i++)
                {
                    if (!(await Cluster.ReadMembershipAsync(i)).Any(row => row.Status == "Active"))
                    {
                        return false;
                    }
                }

                return true;
            },
            $"all {Silos} silos to be active in the membership table",
            TimeSpan.FromSeconds(60));
        await Task.Delay(Settle);
    }

    private async Task<string> ActiveRowAsync(int index) => (await Cluster.ReadMembershipAsync(index)).Last(row => row.Status == "Active").Silo;

    /// <summary>How long after <paramref name="watch"/> started the membership table showed <paramref name="silo"/> dead; null if not within <see cref="WatchLimit"/>.</summary>
    private async Task<TimeSpan?> TimeUntilDeadAsync(int index, string silo, Stopwatch watch)
    {
        while (watch.Elapsed < WatchLimit)
        {
            if ((await Cluster.ReadMembershipAsync(index)).Any(row => row.Silo == silo && row.IsDead))
            {
                return watch.Elapsed;
            }

            await Task.Delay(50);
        }

        return null;
    }

    private static string Describe(TimeSpan? elapsed) => elapsed is { } e ? Instant.Seconds(e) : $"not within {Instant.Seconds(WatchLimit)}";
}
