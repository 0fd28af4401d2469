using OrleansScheduler.IntegrationTests.Support;
using OrleansScheduler.Testing;

namespace OrleansScheduler.IntegrationTests;

/// <summary>
/// Correctness review F9: dead letters are bounded, by count (the oldest go first) and by age, so a job that fails
/// every second cannot fill Redis. The cluster keeps at most <see cref="DeadLetterLimitCluster.Limit"/>, each for
/// <see cref="DeadLetterLimitCluster.Retention"/>.
/// </summary>
public sealed class DeadLetterRetentionTests(DeadLetterLimitCluster fixture) : IClassFixture<DeadLetterLimitCluster>
{
    [Fact]
    public async Task F9_DeadLetters_AreCappedByCount_KeepingTheNewest()
    {
        var id = SchedulerCluster.NewJobId("f9-cap");
        var job = fixture.Job(id);
        await job.Schedule(new JobSpec { Schedule = JobSchedule.Every(TimeSpan.FromSeconds(1)), Handler = FailingHandler.Name, MaxAttempts = 1 });
        await fixture.HistoryAsync(id, h => h.Count(r => r.Status == RunStatus.DeadLettered) >= 3 * DeadLetterLimitCluster.Limit, $"{3 * DeadLetterLimitCluster.Limit} dead-lettered runs", TimeSpan.FromSeconds(90));
        await job.Pause();
        await fixture.IdleAsync(); // a run in flight at the pause settles
        var history = await job.GetHistory(1000);

        var deadLetters = await fixture.Admin.GetDeadLetters(1000);
        Assert.InRange(deadLetters.Count, 1, DeadLetterLimitCluster.Limit);
        Assert.True(await fixture.Db.HashLengthAsync(fixture.Keys.DeadLetters) <= DeadLetterLimitCluster.Limit, "the dead-letter hash holds more than the limit");
        Assert.True(await fixture.Db.SortedSetLengthAsync(fixture.Keys.DeadLetterIndex) <= DeadLetterLimitCluster.Limit, "the dead-letter index holds more than the limit");

        // The oldest went first: every kept one is newer than every dropped one.
        var kept = deadLetters.Select(d => d.RunId).ToHashSet(StringComparer.Ordinal);
        var newestDropped = history.Where(r => r.Status == RunStatus.DeadLettered && !kept.Contains(r.RunId)).Max(r => r.Occurrence);
        Assert.All(deadLetters, d => Assert.True(d.Occurrence > newestDropped, $"{d.RunId} was kept although a newer dead letter was dropped"));
        await job.Delete();
    }

    [Fact]
    public async Task F9_DeadLetters_OlderThanTheRetention_AreDropped()
    {
        var id = SchedulerCluster.NewJobId("f9-age");
        var job = fixture.Job(id);
        await job.Schedule(new JobSpec { Schedule = JobSchedule.Once(DateTimeOffset.UtcNow), Handler = FailingHandler.Name, MaxAttempts = 1 });
        var history = await fixture.HistoryAsync(id, h => h.Any(r => r.Status == RunStatus.DeadLettered), "the dead-lettered run");
        var runId = history.First(r => r.Status == RunStatus.DeadLettered).RunId;
        Assert.Contains(await fixture.Admin.GetDeadLetters(1000), d => d.RunId == runId);

        await Eventually.TrueAsync(
            async () => !(await fixture.Admin.GetDeadLetters(1000)).Any(d => d.RunId == runId) && !await fixture.Db.HashExistsAsync(fixture.Keys.DeadLetters, runId),
            $"the dead letter to be dropped after {DeadLetterLimitCluster.Retention.TotalSeconds:0} s",
            DeadLetterLimitCluster.Retention + TimeSpan.FromSeconds(90));
        await job.Delete();
    }
}
