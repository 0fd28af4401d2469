using System.Diagnostics;
using OrleansScheduler.FaultTests.Support;

namespace OrleansScheduler.FaultTests;

/// <summary>
/// Review finding F8: the whole cluster is killed (SIGKILL to both silos) and started again with more than a page
/// (1,000) of jobs due around the restart: 2,500 hourly interval jobs whose occurrence fell while the cluster was down,
/// and 1,000 one-shots due some tens of seconds after the restart. No timer survived the kill, the reminder period is
/// 5 minutes and the misfire threshold 3 minutes, so only the silos' start-up sweep of the due index can wake these jobs
/// in time. Waking an overdue job fires it and moves its due entry an hour ahead, out of the range being swept: every
/// job must still be woken, the overdue ones fire soon after the restart and the one-shots on time.
/// </summary>
/// <remarks>
/// More than two pages of overdue jobs: each silo sweeps on its own, and a sweep that starts after another has woken a
/// page sees the range already shrunk, so with fewer jobs whether a job is skipped depends on how far apart the two
/// silos happen to start (with 1,500 it was skipped in two runs of three). With 2,500 the paging skips jobs whatever the
/// offset between the two sweeps.
/// </remarks>
[Trait("Category", "Fault")]
public sealed class StartupSweepPagingTests(ITestOutputHelper output)
    : FaultScenario(output, "sweep-paging", "--Scheduler:WakeUpPeriod", "00:05:00", "--Scheduler:MisfireThreshold", "00:03:00")
{
    private const int OverdueJobs = 2500;
    private const int SoonJobs = 1000;

    // The silos' settings above: what could wake a job the start-up sweep left out, and when at the earliest.
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MisfireThreshold = TimeSpan.FromMinutes(3);

    // Registering 3,500 jobs (3-7 s measured on a loaded 2-core machine), then the kill, must be over before the hourly
    // jobs' occurrence.
    private static readonly TimeSpan OverdueLead = TimeSpan.FromSeconds(45);

    // From the hourly jobs' occurrence to the one-shots: the cluster stays down past the occurrence (2 s), then restarts
    // (4-8 s measured), so the one-shots fall due some 50 s after the restart.
    private static readonly TimeSpan SoonLead = TimeSpan.FromSeconds(60);

    // Generous for a loaded 2-core machine, yet far from the reminder tick and the overdue backstop.
    private static readonly TimeSpan OnTime = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan OverdueDeadlineAfterRestart = TimeSpan.FromSeconds(100);

    [Fact]
    public async Task F8_EveryJobDueAroundAWholeClusterRestart_IsWokenByTheStartupSweep_WhenMoreThanAPageOfJobsIsDue()
    {
        var registeredFrom = DateTimeOffset.UtcNow;
        var overdueAt = Instant.WholeSecondAfter(registeredFrom, OverdueLead);
        var soonAt = overdueAt + SoonLead;
        var url = Receiver.Url();
        var overdueIds = Enumerable.Range(0, OverdueJobs).Select(i => $"sweep-overdue-{i:0000}").ToList();
        var soonIds = Enumerable.Range(0, SoonJobs).Select(i => $"sweep-soon-{i:0000}").ToList();
        var overdueRuns = overdueIds.Select(id => RunId.Of(id, overdueAt)).ToList();
        var soonRuns = soonIds.Select(id => RunId.Of(id, soonAt)).ToList();
        var file = HttpJobs.Write(
            WorkDirectory.FullName,
            "sweep-paging.json",
            overdueIds.Select(id => HttpJobs.Every(id, "1h", overdueAt.AddHours(-1), url)).Concat(soonIds.Select(id => HttpJobs.Once(id, soonAt, url))));
        var applied = (await Cluster.Osched.RunAsync("apply", file)).Succeeded();
        Output.WriteLine(
            $"{FaultCluster.Stamp()} registered {OverdueJobs} hourly jobs next due {Instant.Print(overdueAt)} and {SoonJobs} one-shots due {Instant.Print(soonAt)} " +
            $"in {Instant.Seconds(applied.Elapsed)}: {applied.Stdout.Trim()}");

        Cluster.KillSilo(0);
        Cluster.KillSilo(1);
        var killedAt = DateTimeOffset.UtcNow;
        Assert.True(killedAt < overdueAt, $"precondition: registering took so long that the cluster was killed {Instant.Seconds(killedAt - overdueAt)} after the hourly jobs' occurrence");
        Assert.True(Receiver.Count == 0, $"precondition: {Receiver.Count} run(s) arrived before the kill, though nothing was due yet");

        // The occurrence must pass while no silo runs: nothing to poll for, the cluster is down.
        await Task.Delay(overdueAt + TimeSpan.FromSeconds(2) - DateTimeOffset.UtcNow);
        var restart = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 2).Select(Cluster.StartSiloAsync));
        var restartedAt = DateTimeOffset.UtcNow;
        var overdueDeadline = restartedAt + OverdueDeadlineAfterRestart;
        var soonDeadline = soonAt + OnTime;
        Output.WriteLine(
            $"{FaultCluster.Stamp()} cluster back after {Instant.Seconds(restart.Elapsed)}: {Instant.Seconds(restartedAt - overdueAt)} after the hourly jobs' occurrence, " +
            $"{Instant.Seconds(soonAt - restartedAt)} before the one-shots are due");
        Assert.True(restartedAt < soonAt, $"precondition: the cluster took so long to restart that the one-shots were already due ({Instant.Seconds(restartedAt - soonAt)} ago)");

        // Neither the overdue backstop nor a reminder tick can have fired anything by the deadlines: only the start-up sweep.
        Assert.True(overdueDeadline < overdueAt + MisfireThreshold, "precondition: the hourly jobs' deadline falls after the overdue backstop could wake them");
        Assert.True(Max(overdueDeadline, soonDeadline) < registeredFrom + ReminderPeriod, "precondition: a deadline falls after the jobs' first reminder tick");

        var all = overdueRuns.Concat(soonRuns).ToList();
        while (Receiver.Missing(all).Count > 0 && DateTimeOffset.UtcNow < Max(overdueDeadline, soonDeadline))
        {
            await Task.Delay(500);
        }

        var firstArrival = Receiver.Snapshot().GroupBy(a => a.RunId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(a => a.ArrivedAt), StringComparer.Ordinal);
        var overdueLate = overdueRuns.Where(id => !firstArrival.TryGetValue(id, out var at) || at > overdueDeadline).ToList();
        var soonLate = soonRuns.Where(id => !firstArrival.TryGetValue(id, out var at) || at > soonDeadline).ToList();
        Output.WriteLine(
            $"{FaultCluster.Stamp()} hourly jobs: {overdueRuns.Count - overdueLate.Count} of {OverdueJobs} fired within {OverdueDeadlineAfterRestart.TotalSeconds:0} s of the restart" +
            $"{Latest(overdueRuns, firstArrival, restartedAt, "the restart")}; one-shots: {soonRuns.Count - soonLate.Count} of {SoonJobs} ran within {OnTime.TotalSeconds:0} s of their due time" +
            $"{Latest(soonRuns, firstArrival, soonAt, "due")}");
        Cluster.WriteLogLines(Output.WriteLine, ["Waking "], limit: 20);

        var problems = new List<string>();
        if (overdueLate.Count > 0)
        {
            problems.Add(
                $"{overdueLate.Count} of {OverdueJobs} hourly jobs whose occurrence fell while the cluster was down did not fire within {OverdueDeadlineAfterRestart.TotalSeconds:0} s " +
                $"of the restart (the start-up sweep did not wake them), e.g. {string.Join(", ", overdueLate.Take(5))}");
        }

        if (soonLate.Count > 0)
        {
            problems.Add(
                $"{soonLate.Count} of {SoonJobs} one-shots due {Instant.Seconds(soonAt - restartedAt)} after the restart did not run within {OnTime.TotalSeconds:0} s of their due time " +
                $"(the start-up sweep did not wake them), e.g. {string.Join(", ", soonLate.Take(5))}");
        }

        AssertNoProblems(problems, $"after a whole-cluster restart with {OverdueJobs + SoonJobs} jobs due around it");
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static string Latest(IEnumerable<string> runIds, Dictionary<string, DateTimeOffset> firstArrival, DateTimeOffset since, string what)
    {
        var arrived = runIds.Where(firstArrival.ContainsKey).Select(id => firstArrival[id] - since).ToList();
        return arrived.Count == 0 ? "" : $" (the latest of those that ran, {Instant.Seconds(arrived.Max())} after {what})";
    }
}
