using OrleansScheduler.IntegrationTests.Support;
using OrleansScheduler.Testing;

namespace OrleansScheduler.IntegrationTests;

/// <summary>A job shows the latest occurrence a policy skipped and why, recorded by the same script that counts it.</summary>
public sealed class MissedRunTests(SchedulerCluster fixture) : IClassFixture<SchedulerCluster>
{
    [Fact]
    public async Task OverlapSkip_ShowsInJobInfo_AsTheLatestSkippedOccurrence_WithReasonOverlap()
    {
        var id = SchedulerCluster.NewJobId("missed-overlap");
        var job = fixture.Job(id);
        await job.Schedule(new JobSpec { Schedule = JobSchedule.Every(TimeSpan.FromSeconds(1)), Handler = RecordingHandler.Name, Payload = """{"sleepMs":2500}""", Overlap = OverlapPolicy.Skip });

        await Eventually.MatchesAsync(() => job.Get(), j => j!.LastMissed is not null, "an occurrence skipped by the overlap policy", TimeSpan.FromSeconds(60));
        // Paused, it skips nothing more: its info and history can be compared.
        await job.Pause();
        var info = (await job.Get())!;
        var skipped = (await job.GetHistory(1000)).Where(r => r.Status == RunStatus.Skipped).ToList();
        await job.Delete();

        Assert.Equal(MissedRun.Overlap, info.LastMissed!.Reason);
        Assert.Equal(skipped.Max(r => r.Occurrence), info.LastMissed.Occurrence);
        Assert.Equal(skipped.Count, info.Counts.Skipped);
        Assert.False(await fixture.Db.KeyExistsAsync(fixture.Keys.Missed(id)));
    }

    [Fact]
    public async Task MisfireSkip_ShowsInJobInfo_AsTheMissedOccurrence_WithReasonMisfire()
    {
        // A one-shot due longer ago than the misfire threshold (10 s) was missed; the policy Skip does not run it.
        var id = SchedulerCluster.NewJobId("missed-misfire");
        var at = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds());
        await fixture.Job(id).Schedule(new JobSpec { Schedule = JobSchedule.Once(at), Handler = RecordingHandler.Name, Misfire = MisfirePolicy.Skip });

        var info = await Eventually.MatchesAsync(() => fixture.Job(id).Get(), j => j!.LastMissed is not null, "the missed one-shot");
        var history = await fixture.Job(id).GetHistory(10);
        await fixture.Job(id).Delete();

        Assert.Equal(new MissedRun { Occurrence = at, Reason = MissedRun.Misfire }, info!.LastMissed);
        Assert.Equal(1, info.Counts.Skipped);
        Assert.Equal(RunStatus.Skipped, Assert.Single(history).Status);
        Assert.Empty(fixture.Recorder.ForJob(id));
    }

    [Fact]
    public async Task JobThatNeverMissedARun_HasNoLastMissed()
    {
        var id = SchedulerCluster.NewJobId("missed-none");
        await fixture.Job(id).Schedule(new JobSpec { Schedule = JobSchedule.Every(TimeSpan.FromSeconds(1)), Handler = RecordingHandler.Name });

        await fixture.HistoryAsync(id, h => h.Count(r => r.Status == RunStatus.Succeeded) >= 2, "two runs");
        var info = await fixture.Job(id).Get();
        await fixture.Job(id).Delete();

        Assert.Null(info!.LastMissed);
        Assert.Equal(0, info.Counts.Skipped);
    }
}
