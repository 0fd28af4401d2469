using System.Diagnostics;
using OrleansScheduler.FaultTests.Support;
using OrleansScheduler.Testing;

namespace OrleansScheduler.FaultTests;

/// <summary>
/// Review finding F2 (seen from outside as N4 of the fault run): a silo declared dead while it is still alive. One of
/// three silos is frozen (SIGSTOP) until the cluster has voted it dead and the survivors have handed its processing
/// list back, then resumed (SIGCONT). Until it learns that it is dead it goes on taking runs into its own processing
/// list; then it kills itself. It is not restarted, and no other silo starts: its list must still be handed back and
/// its runs run, rather than wait for whatever silo starts next (a supervisor may restart it in seconds, or never).
/// </summary>
/// <remarks>
/// Three silos with four slots each and sixteen one-second jobs whose runs take 2 s at the receiver: the default queue
/// backs up and stays backed up, so the resumed silo finds runs to take, and two survivors keep a majority. A silo stops
/// taking runs once it knows that it is dead, so whether it takes any on its own depends on how soon after SIGCONT it
/// learns it (within milliseconds, or a few seconds). So that the test always has runs taken after the survivors'
/// recovery, three are moved into its list as its fetch would move them, before it is resumed.
/// </remarks>
[Trait("Category", "Fault")]
public sealed class ZombieSiloTests(ITestOutputHelper output) : FaultScenario(output, "zombie", "--max-concurrent-runs", "4")
{
    private const int Jobs = 16;
    private const int HandlerSleepMs = 2000;
    private const int Victim = 2;

    // A frozen silo is declared dead after about 6 s (3 × MaxProbeTimeout; it took 24-30 s before N5): generous on a loaded machine.
    private static readonly TimeSpan DeclaredDeadDeadline = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(90);

    protected override int Silos => 3;

    [Fact]
    public async Task F2_RunsAZombieTookAfterItsListWasRecovered_AreHandedBackAndRun_WhenItKillsItselfAndNoSiloStarts()
    {
        var start = Instant.WholeSecondAfter(DateTimeOffset.UtcNow, TimeSpan.Zero);
        var jobIds = Enumerable.Range(0, Jobs).Select(i => $"zombie-{i:00}").ToList();
        var file = HttpJobs.Write(WorkDirectory.FullName, "zombie.json", jobIds.Select(id => HttpJobs.Every(id, "1s", start, Receiver.Url(HandlerSleepMs))));
        (await Cluster.Osched.RunAsync("apply", file)).Succeeded();

        // Warm-up: 16 runs a second against 12 slots of 2 s runs, so the queue grows; the victim is busy like the others.
        await Eventually.TrueAsync(
            async () => (await Cluster.ReadQueueAsync()).Count >= Jobs && !(await Cluster.ReadProcessingListAsync(Victim)).IsEmpty,
            $"the default queue to back up (at least {Jobs} runs waiting) and silo {Victim} to have runs in flight",
            TimeSpan.FromSeconds(90));

        var zombie = Cluster.Silo(Victim);
        var atFreeze = await Cluster.ReadProcessingListAsync(Victim);
        ProcessSignals.Freeze(zombie.Pid);
        var frozenAt = DateTimeOffset.UtcNow;
        Output.WriteLine($"{FaultCluster.Stamp()} SIGSTOP {zombie}; its processing list: {atFreeze}; queued: {(await Cluster.ReadQueueAsync()).Count}");
        DateTimeOffset thawedAt;
        IReadOnlyList<string> moved;
        try
        {
            var rows = await Eventually.MatchesAsync(
                () => Cluster.ReadMembershipAsync(Victim),
                r => r.Any(row => row.IsDead),
                $"the membership table to declare the frozen silo {Victim} dead",
                DeclaredDeadDeadline);
            Output.WriteLine($"{FaultCluster.Stamp()} declared dead {Instant.Seconds(DateTimeOffset.UtcNow - frozenAt)} after SIGSTOP: {string.Join("; ", rows)}");

            // README guarantee 3: the survivors hand the dead silo's list back once. A precondition here; F2 is what follows.
            await Eventually.MatchesAsync(
                () => Cluster.ReadProcessingListAsync(Victim),
                list => list.IsEmpty,
                "precondition: the survivors to hand the processing list of the silo declared dead back to the queue",
                TimeSpan.FromSeconds(30));
            Output.WriteLine($"{FaultCluster.Stamp()} the survivors handed its processing list back ({Instant.Seconds(DateTimeOffset.UtcNow - frozenAt)} after SIGSTOP)");

            var name = (await Cluster.ReadMembershipAsync(Victim)).Last(row => row.IsDead).Silo;
            moved = await Cluster.TakeRunsAsFetchAsync(name, 3);
            Output.WriteLine($"{FaultCluster.Stamp()} moved {moved.Count} run(s) into its processing list as its fetch would: {string.Join(", ", moved)}");
        }
        finally
        {
            ProcessSignals.Thaw(zombie.Pid);
            thawedAt = DateTimeOffset.UtcNow;
            Output.WriteLine($"{FaultCluster.Stamp()} SIGCONT {zombie} after {Instant.Seconds(thawedAt - frozenAt)}");
        }

        // Watch its list until it exits: whatever appears in it now, it took after the survivors' one recovery.
        var taken = new HashSet<string>(moved, StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        while (!zombie.HasExited)
        {
            Assert.True(watch.Elapsed < ExitDeadline, $"{zombie} was declared dead but had not exited {ExitDeadline.TotalSeconds:0} s after SIGCONT");
            taken.UnionWith((await Cluster.ReadProcessingListAsync(Victim)).RunIds);
            await Task.Delay(50);
        }

        var exitedAt = DateTimeOffset.UtcNow;
        var leftAtExit = await Cluster.ReadProcessingListAsync(Victim);
        taken.UnionWith(leftAtExit.RunIds);
        Output.WriteLine(
            $"{FaultCluster.Stamp()} {zombie} exited {Instant.Seconds(exitedAt - thawedAt)} after SIGCONT; it took {taken.Count} run(s) after SIGCONT " +
            $"({string.Join(", ", taken.Order(StringComparer.Ordinal).Take(10))}); its processing list after the exit: {leftAtExit}");
        foreach (var runId in leftAtExit.RunIds)
        {
            var arrivals = Receiver.ArrivalsOf(RunId.JobOf(runId)).Where(a => a.RunId == runId).Select(a => Relative(a.ArrivedAt - thawedAt));
            Output.WriteLine($"    left at exit: {runId}, arrived at the receiver at SIGCONT {string.Join(", ", arrivals)}");
        }

        Cluster.WriteLogLines(Output.WriteLine, ["DeadSiloRecovery", "I have been told I am dead, so this silo will stop"], limit: 10);
        Assert.True(taken.Count > 0, "precondition: the resumed silo took no run before it exited, so nothing could be stranded (did it learn that it was dead before its first fetch?)");

        // From here on no silo starts: only the two survivors can hand the list back.
        bool ArrivedAfterExit(string runId) => Receiver.ArrivalsOf(RunId.JobOf(runId)).Any(a => a.RunId == runId && a.ArrivedAt > exitedAt);
        try
        {
            await Eventually.MatchesAsync(() => Cluster.ReadProcessingListAsync(Victim), list => list.IsEmpty, "the dead silo's processing list to be empty", RecoveryDeadline);
        }
        catch (TimeoutException)
        {
            var still = await Cluster.ReadProcessingListAsync(Victim);
            var ranAgain = leftAtExit.RunIds.Count(ArrivedAfterExit);
            Assert.Fail(
                $"{Instant.Seconds(DateTimeOffset.UtcNow - exitedAt)} after the silo declared dead exited, with no silo started since, its processing list still holds " +
                $"{still.RunIds.Count} run(s): {still}. Of the {leftAtExit.RunIds.Count} run(s) left in it at its exit, {ranAgain} arrived at the receiver after the exit. " +
                $"Queued meanwhile: {(await Cluster.ReadQueueAsync()).Count} run(s); survivors running: {string.Join(", ", Cluster.RunningSilos.Where(s => !s.HasExited))}");
        }

        // Handed back like any recovered list (the hand-back script puts runs at the head of their queue), they run next,
        // ahead of the backlog.
        Output.WriteLine($"{FaultCluster.Stamp()} the dead silo's processing list is empty, {Instant.Seconds(DateTimeOffset.UtcNow - exitedAt)} after its exit");
        await Eventually.TrueAsync(
            () => Task.FromResult(leftAtExit.RunIds.All(ArrivedAfterExit)),
            $"every one of the {leftAtExit.RunIds.Count} run(s) left in the dead silo's list at its exit to arrive at the receiver after the exit",
            TimeSpan.FromSeconds(60));
        await Receiver.WaitForAllAsync(taken, "every run the resumed silo took", TimeSpan.FromSeconds(60));

        for (var i = 0; i < Silos; i++)
        {
            Assert.True(i == Victim || !Cluster.Silo(i).HasExited, $"survivor {Cluster.Silo(i)} exited");
        }
    }

    private static string Relative(TimeSpan offset) => (offset < TimeSpan.Zero ? "- " : "+ ") + Instant.Seconds(offset.Duration());
}
