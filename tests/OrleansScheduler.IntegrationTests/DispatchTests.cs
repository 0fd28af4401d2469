using OrleansScheduler.IntegrationTests.Support;

namespace OrleansScheduler.IntegrationTests;

/// <summary>Runs are spread over every silo's dispatcher, and failures are recorded with their error.</summary>
public sealed class DispatchTests(SchedulerCluster fixture) : IClassFixture<SchedulerCluster>
{
    [Fact]
    public async Task RunsOfManyJobs_ExecuteOnBothSilos_EachExactlyOnce()
    {
        var at = DateTimeOffset.UtcNow.AddSeconds(2);
        var ids = Enumerable.Range(0, 40).Select(i => SchedulerCluster.NewJobId($"many{i}")).ToList();
        await Task.WhenAll(ids.Select(id => fixture.Job(id).Schedule(new JobSpec
        {
            Schedule = JobSchedule.Once(at),
            Handler = RecordingHandler.Name,
            Payload = """{"sleepMs":100}""",
        })));

        var histories = await Task.WhenAll(ids.Select(id => fixture.HistoryAsync(id, h => h.Count >= 1, $"the run of {id}", TimeSpan.FromSeconds(60))));

        var silos = histories.SelectMany(h => h).Select(r => r.Silo).Distinct().ToList();
        Assert.Equal(2, silos.Count);
        Assert.All(ids, id => Assert.Single(fixture.Recorder.ForJob(id)));
    }

    [Fact]
    public async Task FailingHandler_IsRecordedAsFailed_WithItsError()
    {
        var id = SchedulerCluster.NewJobId("failing");
        await fixture.Job(id).Schedule(new JobSpec { Schedule = JobSchedule.FromCron("0 0 1 1 *"), Handler = FailingHandler.Name, MaxAttempts = 2 });
        var runId = await fixture.Job(id).Trigger();

        var history = await fixture.HistoryAsync(id, h => h.Count >= 1, "the failed run");

        var run = history[^1];
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(1, run.Attempt);
        Assert.Equal($"InvalidOperationException: boom from {runId}", run.Error);
        Assert.NotNull(run.Silo);
        Assert.True((await fixture.Job(id).Get())!.Counts.Failed >= 1);
    }

    [Fact]
    public async Task NoopHandler_IsBuiltIn_AcceptsAnyPayload_AndSucceeds()
    {
        var id = SchedulerCluster.NewJobId("noop");
        await fixture.Job(id).Schedule(new JobSpec { Schedule = JobSchedule.FromCron("0 0 1 1 *"), Handler = "noop", Payload = """{"anything":[1,2,3]}""" });
        var runId = await fixture.Job(id).Trigger();

        var history = await fixture.HistoryAsync(id, h => h.Count >= 1, "the noop run");

        Assert.Equal(runId, history[^1].RunId);
        Assert.Equal(RunStatus.Succeeded, history[^1].Status);
    }

    [Fact]
    public async Task QueueEntryThatIsNotARun_IsDroppedUnexecuted_AndDoesNotBlockOthers()
    {
        await fixture.Db.ListLeftPushAsync(fixture.Keys.Queue(JobSpec.DefaultQueue), "System.Diagnostics.Process.Start(\"rm\")");
        var id = SchedulerCluster.NewJobId("after-garbage");
        await fixture.Job(id).Schedule(new JobSpec { Schedule = JobSchedule.FromCron("0 0 1 1 *"), Handler = RecordingHandler.Name });
        await fixture.Job(id).Trigger();

        await fixture.HistoryAsync(id, h => h.Count == 1 && h[0].Status == RunStatus.Succeeded, "the run queued after the garbage");
        Assert.Equal(0, await fixture.Db.ListLengthAsync(fixture.Keys.Queue(JobSpec.DefaultQueue)));
    }
}
