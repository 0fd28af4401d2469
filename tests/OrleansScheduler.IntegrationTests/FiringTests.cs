using OrleansScheduler.IntegrationTests.Support;

namespace OrleansScheduler.IntegrationTests;

/// <summary>Jobs fire on schedule through the whole path: reminder/timer → Lua enqueue → dispatcher → handler → ack.</summary>
public sealed class FiringTests(SchedulerCluster fixture) : IClassFixture<SchedulerCluster>
{
    [Fact]
    public async Task IntervalJob_FiresRepeatedly_WithOneHistoryEntryPerOccurrence()
    {
        var id = SchedulerCluster.NewJobId("interval");
        await fixture.Job(id).Schedule(new JobSpec { Schedule = JobSchedule.Every(TimeSpan.FromSeconds(1)), Handler = RecordingHandler.Name });

        var history = await fixture.HistoryAsync(id, h => h.Count(r => r.Status == RunStatus.Succeeded) >= 4, "4 successful runs");
        await fixture.Job(id).Pause();

        var runs = history.Where(r => r.Status == RunStatus.Succeeded).OrderBy(r => r.Occurrence).ToList();
        Assert.Equal(runs.Count, runs.Select(r => r.RunId).Distinct().Count());
        Assert.Equal(runs.Count, runs.Select(r => r.Occurrence).Distinct().Count());
        for (var i = 1; i < runs.Count; i++)
        {
            // Anchored: consecutive occurrences are exactly one interval apart, whatever the firing jitter.
            Assert.Equal(TimeSpan.FromSeconds(1), runs[i].Occurrence - runs[i - 1].Occurrence);
        }

        Assert.All(runs, r => Assert.Equal(RunIds.Scheduled(id, r.Occurrence), r.RunId));
        var recorded = fixture.Recorder.ForJob(id);
        Assert.Equal(recorded.Count, recorded.Select(r => r.RunId).Distinct().Count());
    }

    [Fact]
    public async Task OneShot_FiresExactlyOnce()
    {
        var id = SchedulerCluster.NewJobId("once");
        var at = DateTimeOffset.UtcNow.AddSeconds(1);
        await fixture.Job(id).Schedule(new JobSpec { Schedule = JobSchedule.Once(at), Handler = RecordingHandler.Name });

        var history = await fixture.HistoryAsync(id, h => h.Count > 0, "the one-shot run");
        await Task.Delay(TimeSpan.FromSeconds(3));

        history = await fixture.Job(id).GetHistory(100);
        var run = Assert.Single(history);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(at.ToUnixTimeMilliseconds(), run.Occurrence.ToUnixTimeMilliseconds());
        Assert.Single(fixture.Recorder.ForJob(id));
        var info = await fixture.Job(id).Get();
        Assert.Null(info!.NextDue);
        Assert.Equal(1, info.Counts.Succeeded);
    }

    [Fact]
    public async Task OneShotInThePast_RunsOnceAsSoonAsScheduled()
    {
        var id = SchedulerCluster.NewJobId("past");
        await fixture.Job(id).Schedule(new JobSpec { Schedule = JobSchedule.Once(DateTimeOffset.UtcNow.AddMinutes(-5)), Handler = RecordingHandler.Name });

        await fixture.HistoryAsync(id, h => h.Count == 1, "the overdue one-shot");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(await fixture.Job(id).GetHistory(100));
    }

    [Fact]
    public async Task DeactivatedJob_HandsItsNextOccurrenceToItsReminder_AndFiresWithoutAGap()
    {
        var id = SchedulerCluster.NewJobId("handoff");
        var job = fixture.Job(id);
        await job.Schedule(new JobSpec { Schedule = JobSchedule.Every(TimeSpan.FromSeconds(1)), Handler = RecordingHandler.Name });
        await fixture.HistoryAsync(id, h => h.Count >= 2, "runs before the deactivation");

        // As when its silo stops gracefully: the exact-time timer goes with the activation, and without the hand-off the
        // job would sleep until its reminder's next regular tick (5 s here), missing occurrences.
        await fixture.Cluster.DeactivateAsync(job);
        await Task.Delay(TimeSpan.FromSeconds(4));
        var history = await fixture.HistoryAsync(id, h => h.Count >= 7, "runs after the deactivation");
        await job.Delete();

        Assert.DoesNotContain(history, r => r.Status == RunStatus.Skipped);
        var occurrences = history.Select(r => r.Occurrence).Order().ToList();
        Assert.All(occurrences.Zip(occurrences.Skip(1)), pair => Assert.Equal(TimeSpan.FromSeconds(1), pair.Second - pair.First));
    }

    [Fact]
    public async Task FiredOneShot_IsNotEnqueuedAgain_WhenReactivatedAfterItsClaimExpired()
    {
        var id = SchedulerCluster.NewJobId("refire");
        var job = fixture.Job(id);
        // Sub-millisecond ticks on purpose: the stored last-enqueued marker has millisecond precision.
        await job.Schedule(new JobSpec { Schedule = JobSchedule.Once(DateTimeOffset.UtcNow.AddSeconds(1).AddTicks(4321)), Handler = RecordingHandler.Name });
        var history = await fixture.HistoryAsync(id, h => h.Count == 1, "the one-shot run");

        // As if the claim's TTL had passed: only the last-enqueued marker now stands between the job and a second run.
        Assert.True(await fixture.Db.KeyDeleteAsync(fixture.Keys.Occurrence(history[0].RunId)));
        await fixture.Cluster.DeactivateAsync(job);
        Assert.NotNull(await job.Get());
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Single(await job.GetHistory(100));
        Assert.Single(fixture.Recorder.ForJob(id));
    }
}
