using OrleansScheduler.IntegrationTests.Support;

namespace OrleansScheduler.IntegrationTests;

/// <summary>
/// Jobs fire on schedule through the whole path: reminder/timer → Lua enqueue → dispatcher → handler → ack, on a fake
/// clock. An occurrence fires when the test moves the clock to it; a call to the job after the move (or, for a
/// reminder, its tick's completion) is the barrier after which whatever fired is in Redis, and "nothing more" is
/// proven by the job's marker, its history and the handler's records once no run is queued or in processing.
/// <see cref="RealClockFiringTests"/> keeps one firing test on real time.
/// </summary>
public sealed class FiringTests(FakeClockCluster fixture) : IClassFixture<FakeClockCluster>
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task IntervalJob_IsEnqueuedAtItsOccurrence_AndNotBefore()
    {
        var id = SchedulerCluster.NewJobId("due");
        var job = fixture.Job(id);
        var scheduled = await job.Schedule(new JobSpec { Schedule = JobSchedule.Every(TimeSpan.FromSeconds(5)), Handler = RecordingHandler.Name });
        var due = scheduled.Spec.Schedule.Anchor!.Value + TimeSpan.FromSeconds(5);
        Assert.Equal(due, scheduled.NextDue);

        await fixture.Clock.AdvanceAsync(due - fixture.Clock.UtcNow - TimeSpan.FromMilliseconds(1));
        Assert.Null((await job.Get())!.LastEnqueued);

        await fixture.Clock.AdvanceAsync(TimeSpan.FromMilliseconds(1));
        var info = await job.Get();
        Assert.Equal(due, info!.LastEnqueued);
        Assert.Equal(due + TimeSpan.FromSeconds(5), info.NextDue);

        var history = await fixture.HistoryAsync(id, h => h.Any(r => r.Status == RunStatus.Succeeded), "the run");
        Assert.Equal(due, Assert.Single(history).Occurrence);
        Assert.Equal(due, Assert.Single(fixture.Recorder.ForJob(id)).Occurrence);
        await job.Delete();
    }

    [Fact]
    public async Task IntervalJob_FiresOncePerOccurrence_WithOneHistoryEntryEach()
    {
        var id = SchedulerCluster.NewJobId("interval");
        var job = fixture.Job(id);
        var scheduled = await job.Schedule(new JobSpec { Schedule = JobSchedule.Every(Second), Handler = RecordingHandler.Name });
        var anchor = scheduled.Spec.Schedule.Anchor!.Value;

        await fixture.AdvanceAsync(id, steps: 4);
        await fixture.HistoryAsync(id, h => h.Count(r => r.Status == RunStatus.Succeeded) >= 4, "4 successful runs");
        await job.Pause();
        await fixture.IdleAsync();

        // Anchored: one run per occurrence, each exactly one interval after the previous one.
        var expected = Enumerable.Range(1, 4).Select(i => anchor + i * Second).ToList();
        var history = await job.GetHistory(1000);
        Assert.All(history, r => Assert.Equal(RunStatus.Succeeded, r.Status));
        Assert.Equal(expected, history.Select(r => r.Occurrence).Order());
        Assert.All(history, r => Assert.Equal(RunIds.Scheduled(id, r.Occurrence), r.RunId));
        Assert.Equal(expected, fixture.Recorder.ForJob(id).Select(r => r.Occurrence).Order());
        await job.Delete();
    }

    [Fact]
    public async Task OneShot_FiresExactlyOnce()
    {
        var id = SchedulerCluster.NewJobId("once");
        var job = fixture.Job(id);
        var at = fixture.Clock.UtcNow.AddSeconds(1);
        await job.Schedule(new JobSpec { Schedule = JobSchedule.Once(at), Handler = RecordingHandler.Name });
        Assert.Null((await job.Get())!.LastEnqueued);

        await fixture.AdvanceAsync(id);
        Assert.Equal(at, (await job.Get())!.LastEnqueued);
        await fixture.HistoryAsync(id, h => h.Count > 0, "the one-shot run");

        // Nothing more, neither from the timer nor from the reminder's first regular tick (5 s after scheduling), which
        // removes the reminder of a one-shot that has fired.
        var ticks = fixture.Clock.ReminderTicks(job.GetGrainId());
        await fixture.AdvanceAsync(id, steps: 4);
        await fixture.Clock.WaitForReminderTickAsync(job.GetGrainId(), ticks);
        await fixture.IdleAsync();

        var run = Assert.Single(await job.GetHistory(100));
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(at.ToUnixTimeMilliseconds(), run.Occurrence.ToUnixTimeMilliseconds());
        Assert.Single(fixture.Recorder.ForJob(id));
        var info = await job.Get();
        Assert.Null(info!.NextDue);
        Assert.Equal(at, info.LastEnqueued);
        Assert.Equal(1, info.Counts.Succeeded);
        Assert.False(await fixture.ReminderExistsAsync(id));
    }

    [Fact]
    public async Task OneShotInThePast_RunsOnceAsSoonAsScheduled()
    {
        var id = SchedulerCluster.NewJobId("past");
        await fixture.Job(id).Schedule(new JobSpec { Schedule = JobSchedule.Once(fixture.Clock.UtcNow.AddMinutes(-5)), Handler = RecordingHandler.Name });

        await fixture.HistoryAsync(id, h => h.Count == 1, "the overdue one-shot");
        await fixture.AdvanceAsync(id, steps: 2);
        await fixture.IdleAsync();
        Assert.Single(await fixture.Job(id).GetHistory(100));
        Assert.Single(fixture.Recorder.ForJob(id));
    }

    [Fact]
    public async Task DeactivatedJob_HandsItsNextOccurrenceToItsReminder_AndFiresWithoutAGap()
    {
        var id = SchedulerCluster.NewJobId("handoff");
        var job = fixture.Job(id);
        var scheduled = await job.Schedule(new JobSpec { Schedule = JobSchedule.Every(Second), Handler = RecordingHandler.Name });
        var anchor = scheduled.Spec.Schedule.Anchor!.Value;
        await fixture.AdvanceAsync(id, steps: 2);
        await fixture.HistoryAsync(id, h => h.Count >= 2, "runs before the deactivation");

        // As when its silo stops gracefully: the exact-time timer goes with the activation, and without the hand-off the
        // job would sleep until its reminder's next regular tick (5 s after scheduling), missing occurrences. Nothing
        // else calls it: the backstop sweep waits for the misfire threshold (10 s).
        await fixture.Cluster.DeactivateAsync(job);
        var ticks = fixture.Clock.ReminderTicks(job.GetGrainId());
        await fixture.Clock.AdvanceAsync(Second);
        await fixture.Clock.WaitForReminderTickAsync(job.GetGrainId(), ticks);
        Assert.Equal(anchor + 3 * Second, (await job.Get())!.LastEnqueued);

        await fixture.AdvanceAsync(id, steps: 4);
        var history = await fixture.HistoryAsync(id, h => h.Count >= 7, "runs after the deactivation");
        await job.Delete();

        Assert.DoesNotContain(history, r => r.Status == RunStatus.Skipped);
        Assert.Equal(Enumerable.Range(1, 7).Select(i => anchor + i * Second), history.Select(r => r.Occurrence).Order());
    }

    [Fact]
    public async Task FiredOneShot_IsNotEnqueuedAgain_WhenReactivatedAfterItsClaimExpired()
    {
        var id = SchedulerCluster.NewJobId("refire");
        var job = fixture.Job(id);
        // Sub-millisecond ticks on purpose: the stored last-enqueued marker has millisecond precision.
        await job.Schedule(new JobSpec { Schedule = JobSchedule.Once(fixture.Clock.UtcNow.AddSeconds(1).AddTicks(4321)), Handler = RecordingHandler.Name });
        await fixture.AdvanceAsync(id);
        var history = await fixture.HistoryAsync(id, h => h.Count == 1, "the one-shot run");

        // As if the claim's TTL had passed: only the last-enqueued marker now stands between the job and a second run.
        Assert.True(await fixture.Db.KeyDeleteAsync(fixture.Keys.Occurrence(history[0].RunId)));
        await fixture.Cluster.DeactivateAsync(job);
        Assert.NotNull(await job.Get());
        await fixture.AdvanceAsync(id, steps: 2);
        await fixture.IdleAsync();

        Assert.Single(await job.GetHistory(100));
        Assert.Single(fixture.Recorder.ForJob(id));
    }
}
