using OrleansScheduler.IntegrationTests.Support;

namespace OrleansScheduler.IntegrationTests;

/// <summary>
/// Correctness review F6: the silos' clock jumps two hours ahead and is corrected a few seconds later. Redis's own
/// clock does not move, and it is the reference: nothing is enqueued or recorded for an occurrence that is not due by
/// Redis's clock, and once the clock is right again the job fires on as before instead of waiting two hours.
/// </summary>
public sealed class ClockJumpTests(ShiftedClockCluster fixture) : IClassFixture<ShiftedClockCluster>
{
    private static readonly TimeSpan Jump = TimeSpan.FromHours(2);

    [Fact]
    public async Task F6_ClockJumpedAheadAndCorrected_JobFiresOnAfterTheCorrection_AndNothingFromTheFutureIsRecorded()
    {
        var id = SchedulerCluster.NewJobId("f6-jump");
        var job = fixture.Job(id);
        await job.Schedule(new JobSpec { Schedule = JobSchedule.Every(TimeSpan.FromSeconds(1)), Handler = RecordingHandler.Name });
        await fixture.HistoryAsync(id, h => h.Count(r => r.Status == RunStatus.Succeeded) >= 2, "2 runs before the jump");

        fixture.Clock.Offset = Jump;
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(4));
        }
        finally
        {
            fixture.Clock.Offset = TimeSpan.Zero;
        }

        var correctedAt = DateTimeOffset.UtcNow;
        var history = await fixture.HistoryAsync(
            id,
            h => h.Count(r => r.Status == RunStatus.Succeeded && r.Occurrence > correctedAt) >= 3,
            "3 runs of occurrences after the clock was corrected",
            TimeSpan.FromSeconds(60));

        await job.Pause();
        var future = history.Where(r => r.Occurrence > DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1)).ToList();
        Assert.True(future.Count == 0, $"{future.Count} history entries for occurrences in the future, e.g. {future.FirstOrDefault()?.RunId} ({future.FirstOrDefault()?.Status})");
        var info = await job.Get();
        Assert.True(info!.LastEnqueued < DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1), $"the last enqueued occurrence is {info.LastEnqueued:O}, in the future");
        await job.Delete();
    }
}
