using OrleansScheduler.IntegrationTests.Support;

namespace OrleansScheduler.IntegrationTests;

/// <summary>Overlap and misfire policies, on the real reminder and queue path.</summary>
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

    [Fact]
    public async Task MisfireFireAll_RunsEveryMissedOccurrence()
    {
        var id = SchedulerCluster.NewJobId("fire-all");
        var job = fixture.Job(id);
        await job.Schedule(new JobSpec { Schedule = EverySecond, Handler = RecordingHandler.Name, Misfire = MisfirePolicy.FireAll });
        await fixture.HistoryAsync(id, h => h.Count >= 1, "a first run");

        // FireAll records nothing as skipped (within its limit): the evidence of a gap is a run started well after
        // its occurrence. The reminder wakes the job at its own phase, so deactivate again until a gap happened.
        IReadOnlyList<RunRecord> history = [];
        for (var attempt = 0; attempt < 6 && !history.Any(IsCatchUp); attempt++)
        {
            await fixture.Cluster.DeactivateAsync(job);
            await Task.Delay(TimeSpan.FromSeconds(6));
            history = await job.GetHistory(1000);
        }

        await job.Delete();
        Assert.Contains(history, IsCatchUp);

        var occurrences = history.Where(r => r.Status == RunStatus.Succeeded).Select(r => r.Occurrence).Order().ToList();
        Assert.Equal(occurrences.Count, occurrences.Distinct().Count());
        Assert.All(occurrences.Zip(occurrences.Skip(1)), pair => Assert.Equal(TimeSpan.FromSeconds(1), pair.Second - pair.First));
        Assert.DoesNotContain(history, r => r.Status == RunStatus.Skipped);
    }

    private static bool IsCatchUp(RunRecord run) => run.Status == RunStatus.Succeeded && run.StartedAt - run.Occurrence > TimeSpan.FromSeconds(1);

    [Fact]
    public async Task MisfireSkip_RunsNoneOfTheMissedOccurrences_AndRecordsEachAsSkipped()
    {
        var id = SchedulerCluster.NewJobId("skip");
        var job = fixture.Job(id);
        await job.Schedule(new JobSpec { Schedule = EverySecond, Handler = RecordingHandler.Name, Misfire = MisfirePolicy.Skip });
        await fixture.HistoryAsync(id, h => h.Count >= 1, "a first run");

        await fixture.DeactivateUntilMisfireAsync(job, id);
        var history = await fixture.HistoryAsync(id, h => h.Count(r => r.Status == RunStatus.Succeeded) >= 3, "runs after the wake-up");
        await job.Delete();

        var skipped = history.Where(r => r.Status == RunStatus.Skipped).ToList();
        Assert.All(skipped, r => Assert.Contains("misfire policy Skip", r.Error, StringComparison.Ordinal));
        var ran = history.Where(r => r.Status == RunStatus.Succeeded).Select(r => r.Occurrence).ToHashSet();
        Assert.All(skipped, r => Assert.DoesNotContain(r.Occurrence, ran));
        // Every occurrence is accounted for: each one either ran or was recorded as skipped.
        var all = ran.Concat(skipped.Select(r => r.Occurrence)).Order().ToList();
        Assert.All(all.Zip(all.Skip(1)), pair => Assert.Equal(TimeSpan.FromSeconds(1), pair.Second - pair.First));
    }
}
