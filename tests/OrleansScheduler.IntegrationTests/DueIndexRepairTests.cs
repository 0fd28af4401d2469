using OrleansScheduler.IntegrationTests.Support;
using OrleansScheduler.Testing;
using StackExchange.Redis;

namespace OrleansScheduler.IntegrationTests;

/// <summary>
/// Correctness review F7 (with the faults review's N2): the due index, each job's next due time, is what the overdue
/// sweeps read. An entry that no longer says when a job is due (a paused job whose removal failed, a deleted job)
/// must be repaired by the sweep that finds it, not woken in vain forever.
/// </summary>
public sealed class DueIndexRepairTests(SchedulerCluster fixture) : IClassFixture<SchedulerCluster>
{
    [Fact]
    public async Task F7_Pause_WhoseDueEntryCouldNotBeRemoved_LeavesNoStaleEntry_OnceRedisAcceptsWrites()
    {
        // Next due in 20 s: no timer is armed yet, so nothing but the repair can touch the due entry after the pause.
        var id = SchedulerCluster.NewJobId("f7-pause");
        var job = fixture.Job(id);
        var due = DateTimeOffset.UtcNow.AddSeconds(20);
        await job.Schedule(new JobSpec { Schedule = JobSchedule.Every(TimeSpan.FromHours(1), due - TimeSpan.FromHours(1)), Handler = RecordingHandler.Name });
        Assert.NotNull(await fixture.Db.SortedSetScoreAsync(fixture.Keys.Due, id));
        await using (await fixture.AllowWritesOnlyToAsync("state/*", "reminders"))
        {
            await Record.ExceptionAsync(() => job.Pause());
        }

        Assert.True((await job.Get())!.Paused, "precondition: the pause itself was stored");
        await Eventually.TrueAsync(
            async () => await fixture.Db.SortedSetScoreAsync(fixture.Keys.Due, id) is null,
            "the paused job's due entry to be removed",
            TimeSpan.FromSeconds(90));
        await job.Delete();
    }

    [Fact]
    public async Task F7_DueEntryOfAJobThatDoesNotExist_IsRemovedByTheSweep()
    {
        var id = SchedulerCluster.NewJobId("f7-ghost");
        await fixture.Db.SortedSetAddAsync(fixture.Keys.Due, id, DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds());

        await Eventually.TrueAsync(
            async () => await fixture.Db.SortedSetScoreAsync(fixture.Keys.Due, id) is null,
            "the due entry of a job that does not exist to be removed",
            TimeSpan.FromSeconds(60));
        Assert.Null(await fixture.Job(id).Get());
    }
}

/// <summary>
/// Correctness review F7, the starvation half: more than a sweep's page of stale entries, all older than a real
/// overdue job, must not keep the backstop from waking that job. Its timer and hand-off are gone (its grain was
/// deactivated while reminder writes failed) and its reminder ticks only every 5 minutes, so within the deadline only
/// the backstop can fire it.
/// </summary>
public sealed class DueIndexStarvationTests(SlowReminderCluster fixture) : IClassFixture<SlowReminderCluster>
{
    private const int StaleEntries = 1_100;

    [Fact]
    public async Task F7_ManyStaleDueEntries_DoNotKeepTheBackstopFromWakingARealOverdueJob()
    {
        var stale = Enumerable.Range(0, StaleEntries).Select(i => new SortedSetEntry($"f7-stale-{i:0000}", 1_000 + i)).ToArray();
        await fixture.Db.SortedSetAddAsync(fixture.Keys.Due, stale);

        var id = SchedulerCluster.NewJobId("f7-starved");
        var job = fixture.Job(id);
        var due = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddSeconds(6).ToUnixTimeMilliseconds());
        await job.Schedule(new JobSpec { Schedule = JobSchedule.Every(TimeSpan.FromHours(1), due - TimeSpan.FromHours(1)), Handler = RecordingHandler.Name });
        await using (await fixture.AllowWritesOnlyToAsync("state/*", "osched/*"))
        {
            // Its timer goes with the activation, and the hand-off to the reminder fails.
            await fixture.Cluster.DeactivateAsync(job);
        }

        var history = await fixture.HistoryAsync(id, h => h.Any(r => r.Status == RunStatus.Succeeded), "the overdue job's run", TimeSpan.FromSeconds(90));
        Assert.Equal(due, history.Single(r => r.Status == RunStatus.Succeeded).Occurrence);
        await Eventually.TrueAsync(
            async () => await fixture.Db.SortedSetLengthAsync(fixture.Keys.Due, 0, 10_000) == 0,
            "the stale entries to be removed",
            TimeSpan.FromSeconds(60));
        await job.Delete();
    }
}
