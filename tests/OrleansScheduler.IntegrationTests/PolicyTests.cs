using OrleansScheduler.IntegrationTests.Support;

namespace OrleansScheduler.IntegrationTests;

/// <summary>
/// Overlap policies, on the real queue path. Misfire policies need real downtime: they are proven by killing silo
/// processes in tests/OrleansScheduler.FaultTests (SiloCrashMisfireTests) and unit-tested in MisfirePlanTests.
/// </summary>
public sealed class PolicyTests(SchedulerCluster fixture) : IClassFixture<SchedulerCluster>
{
    private static readonly JobSchedule EverySecond = JobSchedule.Every(TimeSpan.FromSeconds(1));

    [Fact]
    public async Task OverlapSkip_RecordsOccurrencesDueWhileTheSlowRunIsActive_AsSkipped_AndRunsNeverOverlap()
    {
        var id = SchedulerCluster.NewJobId("overlap-skip");
        await fixture.Job(id).Schedule(new JobSpec { Schedule = EverySecond, Handler = RecordingHandler.Name, Payload = """{"sleepMs":2500}""", Overlap = OverlapPolicy.Skip });

        var history = await fixture.HistoryAsync(id, h => h.Count(r => r.Status == RunStatus.Succeeded) >= 3 && h.Any(r => r.Status == RunStatus.Skipped), "slow runs and skipped occurrences", TimeSpan.FromSeconds(60));
        await fixture.Job(id).Delete();

        Assert.Contains(history, r => r.Status == RunStatus.Skipped && r.Error!.Contains("overlap policy Skip", StringComparison.Ordinal));
        var runs = history.Where(r => r.Status == RunStatus.Succeeded).OrderBy(r => r.StartedAt).ToList();
        Assert.All(runs.Zip(runs.Skip(1)), pair => Assert.True(pair.Second.StartedAt >= pair.First.FinishedAt, $"{pair.Second.RunId} started before {pair.First.RunId} finished"));
    }

    [Fact]
    public async Task OverlapAllow_LetsSlowRunsOverlap()
    {
        var id = SchedulerCluster.NewJobId("overlap-allow");
        await fixture.Job(id).Schedule(new JobSpec { Schedule = EverySecond, Handler = RecordingHandler.Name, Payload = """{"sleepMs":2500}""" });

        var history = await fixture.HistoryAsync(id, h => h.Count(r => r.Status == RunStatus.Succeeded) >= 3, "three slow runs", TimeSpan.FromSeconds(60));
        await fixture.Job(id).Delete();

        var runs = history.Where(r => r.Status == RunStatus.Succeeded).OrderBy(r => r.StartedAt).ToList();
        Assert.Contains(runs.Zip(runs.Skip(1)), pair => pair.Second.StartedAt < pair.First.FinishedAt);
        Assert.DoesNotContain(history, r => r.Status == RunStatus.Skipped);
    }
}
