using OrleansScheduler.IntegrationTests.Support;

namespace OrleansScheduler.IntegrationTests;

/// <summary>Failed runs are retried as new attempts of the same run, then dead-lettered; requeue brings them back.</summary>
public sealed class RetryTests(SchedulerCluster fixture) : IClassFixture<SchedulerCluster>
{
    private static readonly JobSchedule Yearly = JobSchedule.FromCron("0 0 1 1 *");

    [Fact]
    public async Task AlwaysFailingRun_IsRetriedWithTheSameRunId_ThenDeadLettered_AndRequeueRunsItAgain()
    {
        var id = SchedulerCluster.NewJobId("poison");
        var job = fixture.Job(id);
        await job.Schedule(new JobSpec { Schedule = Yearly, Handler = FailingHandler.Name, MaxAttempts = 3 });
        var runId = await job.Trigger();

        var history = await fixture.HistoryAsync(id, h => h.Any(r => r.Status == RunStatus.DeadLettered), "the run to be dead-lettered");

        var attempts = history.OrderBy(r => r.Attempt).ToList();
        Assert.Equal([1, 2, 3], attempts.Select(r => r.Attempt));
        Assert.All(attempts, r => Assert.Equal(runId, r.RunId));
        Assert.Equal([RunStatus.Failed, RunStatus.Failed, RunStatus.DeadLettered], attempts.Select(r => r.Status));
        Assert.True(attempts[1].StartedAt > attempts[0].FinishedAt && attempts[2].StartedAt > attempts[1].FinishedAt);
        var dead = Assert.Single(await fixture.Admin.GetDeadLetters(100), d => d.RunId == runId);
        Assert.Equal(3, dead.Attempts);
        Assert.Equal($"InvalidOperationException: boom from {runId}", dead.Error);
        Assert.False(await fixture.Db.HashExistsAsync(fixture.Keys.Active, id), "the dead-lettered run still counts as active");

        Assert.True(await fixture.Admin.Requeue(runId));

        Assert.DoesNotContain(await fixture.Admin.GetDeadLetters(100), d => d.RunId == runId);
        history = await fixture.HistoryAsync(id, h => h.Count(r => r.Status == RunStatus.DeadLettered) == 2, "the requeued run to run out of attempts again", TimeSpan.FromSeconds(60));
        Assert.Equal(6, history.Count(r => r.RunId == runId));
        Assert.False(await fixture.Admin.Requeue("no-such-run@2026-01-01T00:00:00.000Z"));
        Assert.Equal(2, (await job.Get())!.Counts.DeadLettered);
    }

    [Fact]
    public async Task FlakyRun_SucceedsOnItsSecondAttempt_AndIsNotDeadLettered()
    {
        var id = SchedulerCluster.NewJobId("flaky");
        await fixture.Job(id).Schedule(new JobSpec { Schedule = Yearly, Handler = FlakyHandler.Name });
        var runId = await fixture.Job(id).Trigger();

        var history = await fixture.HistoryAsync(id, h => h.Any(r => r.Status == RunStatus.Succeeded), "the second attempt");

        Assert.Equal([(1, RunStatus.Failed), (2, RunStatus.Succeeded)], history.OrderBy(r => r.Attempt).Select(r => (r.Attempt, r.Status)));
        Assert.DoesNotContain(await fixture.Admin.GetDeadLetters(1000), d => d.RunId == runId);
    }

    [Fact]
    public async Task PoisonJob_DoesNotBlockTheScheduleOfOtherJobs()
    {
        var poison = SchedulerCluster.NewJobId("poison-every");
        var healthy = SchedulerCluster.NewJobId("healthy");
        await fixture.Job(poison).Schedule(new JobSpec { Schedule = JobSchedule.Every(TimeSpan.FromSeconds(1)), Handler = FailingHandler.Name, MaxAttempts = 5 });
        await fixture.Job(healthy).Schedule(new JobSpec { Schedule = JobSchedule.Every(TimeSpan.FromSeconds(1)), Handler = RecordingHandler.Name });

        await fixture.HistoryAsync(poison, h => h.Count(r => r.Status == RunStatus.Failed) >= 6, "the poison job to keep failing");
        var history = await fixture.HistoryAsync(healthy, h => h.Count(r => r.Status == RunStatus.Succeeded) >= 5, "the healthy job to keep its schedule");

        var occurrences = history.Select(r => r.Occurrence).Order().ToList();
        Assert.All(occurrences.Zip(occurrences.Skip(1)), pair => Assert.Equal(TimeSpan.FromSeconds(1), pair.Second - pair.First));
        await fixture.Job(poison).Delete();
        await fixture.Job(healthy).Delete();
    }

    [Fact]
    public async Task RunTimeout_CancelsAHungHandler_AndFailsTheAttempt()
    {
        var id = SchedulerCluster.NewJobId("hung");
        await fixture.Job(id).Schedule(new JobSpec { Schedule = Yearly, Handler = HangingHandler.Name, MaxAttempts = 1, Timeout = TimeSpan.FromMilliseconds(500) });
        await fixture.Job(id).Trigger();

        var history = await fixture.HistoryAsync(id, h => h.Count == 1, "the timed-out attempt");

        Assert.Equal(RunStatus.DeadLettered, history[0].Status);
        Assert.Equal("timed out after 500ms", history[0].Error);
    }

    [Fact]
    public async Task RunTimeout_FreesTheAttempt_EvenWhenTheHandlerIgnoresItsToken()
    {
        var id = SchedulerCluster.NewJobId("stubborn");
        await fixture.Job(id).Schedule(new JobSpec { Schedule = Yearly, Handler = StubbornHandler.Name, MaxAttempts = 1, Timeout = TimeSpan.FromMilliseconds(500) });
        await fixture.Job(id).Trigger();

        var history = await fixture.HistoryAsync(id, h => h.Count == 1, "the timed-out attempt");

        Assert.Equal("timed out after 500ms", history[0].Error);
    }
}
