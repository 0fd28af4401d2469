using OrleansScheduler.IntegrationTests.Support;
using OrleansScheduler.Testing;

namespace OrleansScheduler.IntegrationTests;

/// <summary>
/// Pause, resume, trigger, replace and delete do what they say, on a fake clock: "runs nothing" means nothing was
/// enqueued while the clock passed occurrences (a call to the job after each step is the barrier behind its timer's
/// tick), and no run of it is left once no run is queued or in processing.
/// </summary>
public sealed class ControlTests(FakeClockCluster fixture) : IClassFixture<FakeClockCluster>
{
    private static readonly JobSchedule Yearly = JobSchedule.FromCron("0 0 1 1 *");
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Pause_StopsFiring_AndResume_RestartsIt()
    {
        var id = SchedulerCluster.NewJobId("pause");
        var job = fixture.Job(id);
        await job.Schedule(new JobSpec { Schedule = JobSchedule.Every(Second), Handler = RecordingHandler.Name });
        await fixture.AdvanceAsync(id, steps: 2);
        await fixture.HistoryAsync(id, h => h.Count >= 2, "2 runs before pausing");

        var paused = await job.Pause();
        Assert.True(paused.Paused);
        Assert.Null(paused.NextDue);
        await fixture.IdleAsync(); // a run already queued at the pause may still finish
        var countAtPause = (await job.GetHistory(1000)).Count;
        var executedAtPause = fixture.Recorder.ForJob(id).Count;
        await fixture.AdvanceAsync(id, steps: 3);
        Assert.Equal(paused.LastEnqueued, (await job.Get())!.LastEnqueued);
        await fixture.IdleAsync();
        Assert.Equal(countAtPause, (await job.GetHistory(1000)).Count);
        Assert.Equal(executedAtPause, fixture.Recorder.ForJob(id).Count);

        var resumed = await job.Resume();
        Assert.False(resumed.Paused);
        Assert.Equal(fixture.Clock.UtcNow + Second, resumed.NextDue);
        await fixture.AdvanceAsync(id, steps: 2);
        var history = await fixture.HistoryAsync(id, h => h.Count >= countAtPause + 2, "runs after resuming");
        // Resume continues from now: the pause is not a misfire.
        Assert.DoesNotContain(history, r => r.Status == RunStatus.Skipped);
        await job.Delete();
    }

    [Fact]
    public async Task Trigger_RunsImmediately_OutsideTheSchedule()
    {
        var id = SchedulerCluster.NewJobId("trigger");
        var job = fixture.Job(id);
        await job.Schedule(new JobSpec { Schedule = Yearly, Handler = RecordingHandler.Name });

        var runId = await job.Trigger();

        Assert.StartsWith($"{id}@manual-", runId, StringComparison.Ordinal);
        var history = await fixture.HistoryAsync(id, h => h.Count == 1, "the triggered run");
        Assert.Equal(runId, history[0].RunId);
        Assert.Equal(RunStatus.Succeeded, history[0].Status);
    }

    [Fact]
    public async Task Trigger_ThrowsJobNotFound_WhenNoJobHasTheId()
    {
        var error = await Assert.ThrowsAsync<JobNotFoundException>(() => fixture.Job(SchedulerCluster.NewJobId("missing")).Trigger());
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_StopsFiring_AndGetReturnsNull_AndRemovesItsKeys()
    {
        var id = SchedulerCluster.NewJobId("delete");
        var job = fixture.Job(id);
        await job.Schedule(new JobSpec { Schedule = JobSchedule.Every(Second), Handler = RecordingHandler.Name });
        await fixture.AdvanceAsync(id);
        await fixture.HistoryAsync(id, h => h.Count >= 1, "a run before deleting");

        Assert.True(await job.Delete());
        await fixture.IdleAsync();
        var executed = fixture.Recorder.ForJob(id).Count;
        await fixture.AdvanceAsync(id, steps: 3);
        await fixture.IdleAsync();

        Assert.Null(await job.Get());
        Assert.Equal(executed, fixture.Recorder.ForJob(id).Count);
        Assert.False(await job.Delete());
        Assert.Null(await fixture.Db.SortedSetScoreAsync(fixture.Keys.Jobs, id));
        Assert.False(await fixture.Db.KeyExistsAsync(fixture.Keys.History(id)));
        Assert.False(await fixture.Db.KeyExistsAsync(fixture.Keys.Counts(id)));
        Assert.False(await fixture.Db.HashExistsAsync(fixture.Keys.LastEnqueued, id));
    }

    [Fact]
    public async Task Schedule_ReplacesTheSchedule_OfAnExistingJob()
    {
        var id = SchedulerCluster.NewJobId("replace");
        var job = fixture.Job(id);
        var first = await job.Schedule(new JobSpec { Schedule = JobSchedule.Every(Second), Handler = RecordingHandler.Name });
        await fixture.AdvanceAsync(id);
        await fixture.HistoryAsync(id, h => h.Count >= 1, "a run on the first schedule");

        var replaced = await job.Schedule(new JobSpec { Schedule = Yearly, Handler = RecordingHandler.Name, Payload = """{"v":2}""" });
        await fixture.IdleAsync();
        var executed = fixture.Recorder.ForJob(id).Count;
        await fixture.AdvanceAsync(id, steps: 3);
        var stored = await job.Get();
        await fixture.IdleAsync();

        Assert.Equal(executed, fixture.Recorder.ForJob(id).Count);
        Assert.Null(stored!.LastEnqueued);
        Assert.Equal(ScheduleKind.Cron, replaced.Spec.Schedule.Kind);
        Assert.Equal(first.CreatedAt, replaced.CreatedAt);
        Assert.Equal(new DateTimeOffset(fixture.Clock.UtcNow.Year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero), replaced.NextDue);
        Assert.Equal("""{"v":2}""", stored.Spec.Payload);
        await job.Delete();
    }

    [Fact]
    public async Task Schedule_WithUnchangedSpec_ChangesNothing()
    {
        var id = SchedulerCluster.NewJobId("same");
        var spec = new JobSpec { Schedule = Yearly, Handler = RecordingHandler.Name };
        var first = await fixture.Job(id).Schedule(spec);
        await fixture.Clock.AdvanceAsync(Second);
        var second = await fixture.Job(id).Schedule(spec);
        Assert.Equal(first.UpdatedAt, second.UpdatedAt);
    }

    [Fact]
    public async Task Job_SurvivesDeactivation_WithItsDefinitionReadBackFromRedis()
    {
        var id = SchedulerCluster.NewJobId("durable");
        var job = fixture.Job(id);
        var scheduled = await job.Schedule(new JobSpec { Schedule = JobSchedule.FromCron("30 2 * * *", "Europe/Berlin"), Handler = RecordingHandler.Name, Payload = """{"a":1}""" });
        await fixture.Cluster.DeactivateAsync(job);

        var reloaded = await Eventually.MatchesAsync(job.Get, j => j is not null, "the job after reactivation");
        Assert.Equal(scheduled.Spec, reloaded!.Spec);
        Assert.Equal(scheduled.NextDue, reloaded.NextDue);
    }
}
