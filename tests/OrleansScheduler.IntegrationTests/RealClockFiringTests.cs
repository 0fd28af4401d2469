using OrleansScheduler.IntegrationTests.Support;

namespace OrleansScheduler.IntegrationTests;

/// <summary>
/// One firing test on real time, so that the real reminder and grain-timer path stays covered in process; the rest of
/// firing is tested on a fake clock (<see cref="FiringTests"/>).
/// </summary>
[Trait("Clock", "Real")]
public sealed class RealClockFiringTests(SchedulerCluster fixture) : IClassFixture<SchedulerCluster>
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
}
