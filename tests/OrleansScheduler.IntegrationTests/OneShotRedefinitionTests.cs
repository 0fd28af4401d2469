using OrleansScheduler.IntegrationTests.Support;
using OrleansScheduler.Redis;

namespace OrleansScheduler.IntegrationTests;

/// <summary>
/// Correctness review F3: a one-shot runs once. Redefining it after it ran (a re-apply with another payload), or
/// deleting and re-creating it with the same instant, is suppressed by the occurrence's claim while the claim lasts;
/// it must also not run again once the claim has expired and the grain wakes up again. The claim's expiry is brought
/// forward by deleting the claim key, as its TTL would.
/// </summary>
public sealed class OneShotRedefinitionTests(FakeClockCluster fixture) : IClassFixture<FakeClockCluster>
{
    [Fact]
    public async Task F3_FiredOneShot_RedefinedWithAnotherPayload_DoesNotRunAgain_AfterItsClaimExpired()
    {
        var id = SchedulerCluster.NewJobId("f3-redefine");
        var at = WholeMillisecondsAgo(TimeSpan.FromMinutes(1));
        var job = fixture.Job(id);
        await job.Schedule(new JobSpec { Schedule = JobSchedule.Once(at), Handler = RecordingHandler.Name, Payload = """{"v":1}""" });
        await fixture.HistoryAsync(id, h => h.Any(r => r.Status == RunStatus.Succeeded), "the one-shot's run");

        await job.Schedule(new JobSpec { Schedule = JobSchedule.Once(at), Handler = RecordingHandler.Name, Payload = """{"v":2}""" });

        await ExpireClaimAndWakeAsync(id, at);
        Assert.Single(fixture.Recorder.ForJob(id));
        Assert.Single(await job.GetHistory(100));
    }

    [Fact]
    public async Task F3_FiredOneShot_DeletedAndRecreatedWithTheSameInstant_DoesNotRunAgain_AfterItsClaimExpired()
    {
        var id = SchedulerCluster.NewJobId("f3-recreate");
        var at = WholeMillisecondsAgo(TimeSpan.FromMinutes(1));
        var spec = new JobSpec { Schedule = JobSchedule.Once(at), Handler = RecordingHandler.Name };
        var job = fixture.Job(id);
        await job.Schedule(spec);
        await fixture.HistoryAsync(id, h => h.Any(r => r.Status == RunStatus.Succeeded), "the one-shot's run");
        Assert.True(await job.Delete());

        // Within the claim's lifetime the re-created one-shot is the same occurrence: the claim suppresses it.
        await job.Schedule(spec);

        await ExpireClaimAndWakeAsync(id, at);
        Assert.Single(fixture.Recorder.ForJob(id));
    }

    /// <summary>
    /// Waits out any run in flight, lets the claim expire, deactivates the grain, wakes it with a read and moves the
    /// clock on; once every evaluation that caused is done and no run is queued or in processing, a wrongly
    /// re-enqueued run would have run.
    /// </summary>
    private async Task ExpireClaimAndWakeAsync(string id, DateTimeOffset at)
    {
        await fixture.IdleAsync();
        Assert.True(await fixture.Db.KeyDeleteAsync(fixture.Keys.Occurrence(RunMessage.ScheduledRunId(id, at))), "precondition: the occurrence had no claim");
        await fixture.Cluster.DeactivateAsync(fixture.Job(id));
        Assert.NotNull(await fixture.Job(id).Get());

        // Past the first evaluation's retry backoff (2 s), had it failed.
        await fixture.AdvanceAsync(id, steps: 3);
        Assert.Equal(at, (await fixture.Job(id).Get())!.LastEnqueued);
        await fixture.IdleAsync();
    }

    private DateTimeOffset WholeMillisecondsAgo(TimeSpan ago) =>
        DateTimeOffset.FromUnixTimeMilliseconds((fixture.Clock.UtcNow - ago).ToUnixTimeMilliseconds());
}
