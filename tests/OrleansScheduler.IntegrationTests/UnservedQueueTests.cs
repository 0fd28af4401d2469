using OrleansScheduler.IntegrationTests.Support;
using OrleansScheduler.Testing;

namespace OrleansScheduler.IntegrationTests;

/// <summary>
/// Correctness review F10: runs pushed to a queue that no silo takes runs from would pile up forever, unseen. A job
/// naming such a queue (a typo) is refused; and a queue whose silos went away after its jobs were scheduled shows in
/// the queue depths, with no consumer.
/// </summary>
public sealed class UnservedQueueTests(ExtraQueueCluster fixture) : IClassFixture<ExtraQueueCluster>
{
    [Fact]
    public async Task F10_Schedule_RefusesAQueueNoSiloServes_NamingIt_AndStoresNothing()
    {
        var id = SchedulerCluster.NewJobId("f10-typo");
        var error = await Assert.ThrowsAsync<JobValidationException>(() =>
            fixture.Job(id).Schedule(new JobSpec { Schedule = JobSchedule.Every(TimeSpan.FromSeconds(1)), Handler = RecordingHandler.Name, Queue = "reprots" }));

        Assert.Contains(error.Errors, e => e.StartsWith("queue:", StringComparison.Ordinal) && e.Contains("\"reprots\"", StringComparison.Ordinal));
        Assert.Null(await fixture.Job(id).Get());
        Assert.False(await fixture.StateExistsAsync(id));
        Assert.Null(await fixture.Db.SortedSetScoreAsync(fixture.Keys.Jobs, id));
    }

    [Fact]
    public async Task F10_RunsOfAQueueWhoseSilosStopped_ShowInTheQueueDepths()
    {
        var id = SchedulerCluster.NewJobId("f10-orphan");
        var job = fixture.Job(id);
        await job.Schedule(new JobSpec { Schedule = JobSchedule.Every(TimeSpan.FromSeconds(1)), Handler = RecordingHandler.Name, Queue = ExtraQueueCluster.Queue });
        await fixture.HistoryAsync(id, h => h.Any(r => r.Status == RunStatus.Succeeded), $"a run taken from the \"{ExtraQueueCluster.Queue}\" queue");

        var serving = fixture.Cluster.GetActiveSilos().Single(s => s.Name == ExtraQueueCluster.ServingSilo);
        await fixture.Cluster.StopSiloAsync(serving);

        var depths = await Eventually.MatchesAsync(
            fixture.Admin.GetQueueDepths,
            d => d.Queued.TryGetValue(ExtraQueueCluster.Queue, out var queued) && queued >= 2,
            $"runs waiting in the \"{ExtraQueueCluster.Queue}\" queue to show in the queue depths",
            TimeSpan.FromSeconds(60));
        await job.Delete();
        Assert.True(depths.Queued[ExtraQueueCluster.Queue] >= 2);
    }
}
