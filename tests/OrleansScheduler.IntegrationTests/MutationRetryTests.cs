using OrleansScheduler.IntegrationTests.Support;
using OrleansScheduler.Testing;

namespace OrleansScheduler.IntegrationTests;

/// <summary>
/// Correctness review F1: a job mutation (Schedule, Resume, Pause, Delete) that fails half-way, because one of its
/// Redis writes fails, must leave nothing that a retry cannot mend. Each test makes exactly one family of keys
/// unwritable in the real Redis (<see cref="RedisWriteFault"/>: the write reaches Redis and fails there), calls the
/// mutation, lifts the fault, retries as a client would, and checks that what is stored, what the grain says and what
/// fires all agree.
/// </summary>
public sealed class MutationRetryTests(SchedulerCluster fixture) : IClassFixture<SchedulerCluster>
{
    private static readonly JobSpec EverySecond = new() { Schedule = JobSchedule.Every(TimeSpan.FromSeconds(1)), Handler = RecordingHandler.Name };

    [Fact]
    public async Task F1_NewJob_WhoseReminderCouldNotBeRegistered_IsCreatedAndFires_WhenScheduleIsRetried()
    {
        var id = SchedulerCluster.NewJobId("f1-reminder");
        var job = fixture.Job(id);
        await using (await fixture.AllowWritesOnlyToAsync("state/*", "osched/*"))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => job.Schedule(EverySecond));
        }

        await job.Schedule(EverySecond);

        await fixture.HistoryAsync(id, h => h.Count(r => r.Status == RunStatus.Succeeded) >= 2, "2 runs after the retried Schedule", TimeSpan.FromSeconds(60));
        Assert.True(await fixture.ReminderExistsAsync(id), "the job fires, but has no durable reminder: it would not survive a restart");
        Assert.True(await fixture.StateExistsAsync(id));
        await job.Delete();
    }

    [Fact]
    public async Task Schedule_WhoseStoreFails_ThrowsSchedulerUnavailable_SayingWhatFailed_AndThatARetryIsSafe()
    {
        var id = SchedulerCluster.NewJobId("f1-error");
        await using (await fixture.AllowWritesOnlyToAsync("reminders", "osched/*"))
        {
            var error = await Assert.ThrowsAsync<SchedulerUnavailableException>(() => fixture.Job(id).Schedule(EverySecond));
            Assert.Contains("NOPERM", error.Message, StringComparison.Ordinal);
            Assert.Contains("safe to retry", error.Message, StringComparison.Ordinal);
        }

        Assert.Null(await fixture.Job(id).Get());
    }

    [Fact]
    public async Task F1_NewJob_WhoseStateCouldNotBeWritten_IsStoredAndFires_WhenScheduleIsRetried()
    {
        var id = SchedulerCluster.NewJobId("f1-state");
        var job = fixture.Job(id);
        await using (await fixture.AllowWritesOnlyToAsync("reminders", "osched/*"))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => job.Schedule(EverySecond));
        }

        await job.Schedule(EverySecond);

        Assert.True(await fixture.StateExistsAsync(id), "the retried Schedule answered as if the job were stored, but Redis holds no state for it");
        await fixture.Cluster.DeactivateAsync(job);
        Assert.NotNull(await Eventually.MatchesAsync(job.Get, j => j is not null, "the job read back from Redis after a deactivation"));
        await fixture.HistoryAsync(id, h => h.Count(r => r.Status == RunStatus.Succeeded) >= 2, "2 runs after the retried Schedule", TimeSpan.FromSeconds(60));
        await job.Delete();
    }

    [Fact]
    public async Task F1_Resume_WhoseReminderCouldNotBeRegistered_FiresAgain_WhenResumeIsRetried()
    {
        var id = SchedulerCluster.NewJobId("f1-resume");
        var job = fixture.Job(id);
        await job.Schedule(EverySecond);
        await fixture.HistoryAsync(id, h => h.Count >= 1, "a run before pausing");
        await job.Pause();
        await using (await fixture.AllowWritesOnlyToAsync("state/*", "osched/*"))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => job.Resume());
        }

        var resumed = await job.Resume();
        var resumedAt = DateTimeOffset.UtcNow;

        Assert.False(resumed.Paused);
        await fixture.HistoryAsync(id, h => h.Count(r => r.Status == RunStatus.Succeeded && r.Occurrence > resumedAt) >= 2, "2 runs after the retried Resume", TimeSpan.FromSeconds(60));
        Assert.True(await fixture.ReminderExistsAsync(id), "the resumed job fires, but has no durable reminder");
        await job.Delete();
    }

    [Fact]
    public async Task F1_Pause_WhoseStateCouldNotBeWritten_LeavesTheJobActive_AsStored()
    {
        var id = SchedulerCluster.NewJobId("f1-pause");
        var job = fixture.Job(id);
        await job.Schedule(EverySecond);
        await fixture.HistoryAsync(id, h => h.Count >= 1, "a run before pausing");
        await using (await fixture.AllowWritesOnlyToAsync("reminders", "osched/*"))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => job.Pause());
        }

        var failedAt = DateTimeOffset.UtcNow;

        // The pause failed, so the job is not paused: the grain must say what Redis says, and keep firing.
        var info = await job.Get();
        Assert.False(info!.Paused, "the grain reports the job paused, although the pause failed and Redis holds it active");
        await fixture.HistoryAsync(id, h => h.Count(r => r.Status == RunStatus.Succeeded && r.Occurrence > failedAt) >= 2, "2 runs after the failed pause", TimeSpan.FromSeconds(60));
        await fixture.Cluster.DeactivateAsync(job);
        var reactivatedAt = DateTimeOffset.UtcNow;
        await fixture.HistoryAsync(id, h => h.Count(r => r.Status == RunStatus.Succeeded && r.Occurrence > reactivatedAt) >= 2, "2 runs after a reactivation", TimeSpan.FromSeconds(60));
        Assert.True(await fixture.ReminderExistsAsync(id), "the job fires, but lost its durable reminder");
        await job.Delete();
    }

    [Fact]
    public async Task F1_Delete_WhoseRecordsCouldNotBeRemoved_LeavesNothingBehind_OnceRedisAcceptsWrites()
    {
        var id = SchedulerCluster.NewJobId("f1-delete");
        var job = fixture.Job(id);
        await job.Schedule(EverySecond);
        await fixture.HistoryAsync(id, h => h.Count >= 1, "a run before deleting");
        await using (await fixture.AllowWritesOnlyToAsync("state/*", "reminders"))
        {
            // Either answer is acceptable here: the job's state is gone, its records could not be removed yet.
            await Record.ExceptionAsync(() => job.Delete());
        }

        // A client that saw an error retries; whatever it is told, nothing may stay behind.
        await job.Delete();

        Assert.Null(await job.Get());
        await Eventually.TrueAsync(
            async () => await fixture.Db.SortedSetScoreAsync(fixture.Keys.Jobs, id) is null
                && await fixture.Db.SortedSetScoreAsync(fixture.Keys.Due, id) is null
                && !await fixture.Db.HashExistsAsync(fixture.Keys.LastEnqueued, id)
                && !await fixture.Db.KeyExistsAsync(fixture.Keys.History(id))
                && !await fixture.Db.KeyExistsAsync(fixture.Keys.Counts(id)),
            "the deleted job's index entry, due entry, last-enqueued marker, history and counts to be removed",
            TimeSpan.FromSeconds(60));
    }
}
