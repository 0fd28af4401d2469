using System.Text.Json;
using OrleansScheduler.IntegrationTests.Support;
using OrleansScheduler.Redis;
using OrleansScheduler.Testing;

namespace OrleansScheduler.IntegrationTests;

/// <summary>
/// Correctness review F4: a fetch that times out on the silo but ran in Redis leaves a run in the silo's processing list
/// that the silo is not executing; once Redis answers again the dispatcher adopts such runs. Runs it was executing, and
/// that finish while it waits for a slot to adopt the stranded one, must not be started a second time.
/// </summary>
/// <remarks>
/// Set up step by step on one silo with four slots: three runs hold three slots; two stranded runs are put in the
/// silo's processing list (as a fetch that ran in Redis would have left them); Redis's replies are held back until an
/// idle fetch times out. Once Redis answers again, the first stranded run takes the last slot, and the second has to
/// wait for one, which the first three free when they finish: the dispatcher's snapshot of its list still shows them.
/// </remarks>
public sealed class StrandedRunAdoptionTests(ProxiedRedisCluster fixture) : IClassFixture<ProxiedRedisCluster>
{
    private static readonly JobSchedule Yearly = JobSchedule.FromCron("0 0 1 1 *");

    [Fact]
    public async Task F4_RunsFinishingWhileAStrandedRunWaitsForASlot_AreNotExecutedAgain()
    {
        var longIds = Enumerable.Range(0, 3).Select(i => SchedulerCluster.NewJobId($"f4-long-{i}")).ToList();
        var strandedIds = Enumerable.Range(0, 2).Select(i => SchedulerCluster.NewJobId($"f4-stranded-{i}")).ToList();
        foreach (var id in longIds)
        {
            await fixture.Job(id).Schedule(new JobSpec { Schedule = Yearly, Handler = RecordingHandler.Name, Payload = """{"sleepMs":6000}""" });
        }

        foreach (var id in strandedIds)
        {
            await fixture.Job(id).Schedule(new JobSpec { Schedule = Yearly, Handler = RecordingHandler.Name });
        }

        var longRuns = new List<string>();
        foreach (var id in longIds)
        {
            longRuns.Add(await fixture.Job(id).Trigger());
        }

        await Eventually.TrueAsync(() => Task.FromResult(longIds.All(id => fixture.Recorder.ForJob(id).Count == 1)), "the three long runs to start");
        foreach (var id in strandedIds)
        {
            await fixture.Db.ListLeftPushAsync(fixture.Keys.Processing(fixture.SiloName), Message(id, sleepMs: 10_000));
        }

        fixture.Proxy.HoldReplies();
        try
        {
            // Long enough for an idle fetch to time out (the client checks its 1 s timeout once a second).
            await Task.Delay(TimeSpan.FromSeconds(3.5));
        }
        finally
        {
            fixture.Proxy.Resume();
        }

        await Eventually.TrueAsync(() => Task.FromResult(strandedIds.All(id => fixture.Recorder.ForJob(id).Count >= 1)), "both stranded runs to be adopted", TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(3));

        var runs = longIds.Concat(strandedIds).SelectMany(fixture.Recorder.ForJob).ToList();
        var repeated = runs.GroupBy(r => r.RunId).Where(g => g.Count() > 1).Select(g => $"{g.Key} ×{g.Count()}").ToList();
        Assert.True(repeated.Count == 0, $"run(s) executed again although they had finished and no silo died: {string.Join(", ", repeated)}");
        Assert.Equal(5, runs.Count);
    }

    private static string Message(string jobId, int sleepMs) => JsonSerializer.Serialize(
        new RunMessage
        {
            RunId = $"{jobId}@manual-test",
            JobId = jobId,
            Occurrence = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            Handler = RecordingHandler.Name,
            Payload = $$"""{"sleepMs":{{sleepMs}}}""",
            Queue = JobSpec.DefaultQueue,
            EnqueuedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        },
        RunJsonContext.Default.RunMessage);
}
