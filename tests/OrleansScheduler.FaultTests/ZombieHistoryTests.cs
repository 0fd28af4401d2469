using OrleansScheduler.FaultTests.Support;
using OrleansScheduler.Testing;

namespace OrleansScheduler.FaultTests;

/// <summary>
/// Faults review N3: a silo declared dead while still alive (frozen past its death, then resumed) still holds the job
/// grains it hosted, each with the last occurrence it enqueued before the freeze. Woken after the resume, they plan the
/// occurrences they think they missed, although the survivors have taken over those jobs and run them. Nothing they
/// record may contradict what happened: no occurrence recorded <c>Skipped</c> twice, none recorded <c>Skipped</c>
/// although it ran.
/// </summary>
/// <remarks>
/// Three silos (two survivors keep a majority), twelve one-second jobs with the default misfire policy FireOnce, the
/// frozen silo the one hosting most of them. History is kept long enough to hold every entry of the test.
/// </remarks>
[Trait("Category", "Fault")]
public sealed class ZombieHistoryTests(ITestOutputHelper output) : FaultScenario(output, "zombie-history", "--Scheduler:HistoryLimit", "1000")
{
    private const int Jobs = 12;

    private static readonly TimeSpan DeclaredDeadDeadline = TimeSpan.FromSeconds(90);

    protected override int Silos => 3;

    [Fact]
    public async Task N3_SiloResumedAfterItWasDeclaredDead_RecordsNoOccurrenceSkippedTwice_NorSkippedThatRan()
    {
        var start = Instant.WholeSecondAfter(DateTimeOffset.UtcNow, TimeSpan.Zero);
        var jobIds = Enumerable.Range(0, Jobs).Select(i => $"zhist-{i:00}").ToList();
        var file = HttpJobs.Write(WorkDirectory.FullName, "zombie-history.json", jobIds.Select(id => HttpJobs.Every(id, "1s", start, Receiver.Url(100))));
        (await Cluster.Osched.RunAsync("apply", file)).Succeeded();
        await Eventually.TrueAsync(() => Task.FromResult(jobIds.All(id => Receiver.ArrivalsOf(id).Count >= 3)), "every job to run three times", TimeSpan.FromSeconds(60));

        var placement = Cluster.ReadJobPlacement();
        var victim = placement.MaxBy(p => p.Value.Count).Key;
        var hosted = placement[victim].Where(jobIds.Contains).ToList();
        Assert.True(hosted.Count > 0, "precondition: no silo's log shows a job created on it");
        var zombie = Cluster.Silo(victim);
        ProcessSignals.Freeze(zombie.Pid);
        var frozenAt = DateTimeOffset.UtcNow;
        Output.WriteLine($"{FaultCluster.Stamp()} SIGSTOP {zombie}, host of {hosted.Count} job(s): {string.Join(", ", hosted)}");
        try
        {
            await Eventually.MatchesAsync(() => Cluster.ReadMembershipAsync(victim), r => r.Any(row => row.IsDead), $"the frozen silo {victim} to be declared dead", DeclaredDeadDeadline);
            var deadAt = DateTimeOffset.UtcNow;
            Output.WriteLine($"{FaultCluster.Stamp()} declared dead {Instant.Seconds(deadAt - frozenAt)} after SIGSTOP");

            // The survivors take its jobs over and run them on, well past what the frozen grains remember.
            await Eventually.TrueAsync(
                () => Task.FromResult(hosted.All(id => Receiver.ArrivalsOf(id).Count(a => a.ArrivedAt > deadAt) >= 5)),
                "the frozen silo's jobs to run five times on the survivors",
                TimeSpan.FromSeconds(60));
        }
        finally
        {
            ProcessSignals.Thaw(zombie.Pid);
            Output.WriteLine($"{FaultCluster.Stamp()} SIGCONT {zombie}");
        }

        await Eventually.TrueAsync(() => Task.FromResult(zombie.HasExited), "the resumed silo, told it is dead, to exit", TimeSpan.FromSeconds(60));
        Cluster.WriteLogLines(Output.WriteLine, ["missed occurrences", "I have been told I am dead"], limit: 20);
        await Task.Delay(TimeSpan.FromSeconds(3));
        foreach (var id in jobIds)
        {
            (await Cluster.Osched.RunAsync("pause", id)).Succeeded();
        }

        await Receiver.WaitForQuietAsync(TimeSpan.FromSeconds(3));
        var histories = await Cluster.ReadHistoriesAsync(jobIds);
        var problems = new List<string>();
        foreach (var id in jobIds)
        {
            var ran = Receiver.ArrivalsOf(id).Select(a => a.RunId).Concat(histories[id].Where(h => h.Status == "Succeeded").Select(h => h.RunId)).ToHashSet(StringComparer.Ordinal);
            var skipped = histories[id].Where(h => h.Status == "Skipped").GroupBy(h => h.RunId, StringComparer.Ordinal).ToList();
            problems.AddRange(skipped.Where(g => g.Count() > 1).Select(g => $"{g.Key}: recorded Skipped {g.Count()} times"));
            problems.AddRange(skipped.Where(g => ran.Contains(g.Key)).Select(g => $"{g.Key}: recorded Skipped, but it ran"));
            Output.WriteLine($"{id}{(hosted.Contains(id) ? " (on the frozen silo)" : "")}: {ran.Count} ran, {skipped.Count} skipped");
        }

        AssertNoProblems(problems, "in the history of the jobs after the resumed silo exited");
    }
}
