using OrleansScheduler.IntegrationTests.Support;

namespace OrleansScheduler.IntegrationTests;

/// <summary>
/// Faults review N2: the overdue sweeps must wake a job whose grain is active but has no timer armed (its occurrence was
/// too far ahead at its last evaluation, and its reminder's tick did not come). The scheduler's clock is moved ahead so
/// that the occurrence falls due at once; the reminder ticks only every 5 minutes, so within the deadline only the
/// backstop sweep can fire it.
/// </summary>
public sealed class SweepWakeTests(ShiftedClockSlowReminderCluster fixture) : IClassFixture<ShiftedClockSlowReminderCluster>
{
    [Fact]
    public async Task N2_ActiveJobWithoutATimer_IsFiredByTheBackstopSweep_WhenItFallsDue()
    {
        var id = SchedulerCluster.NewJobId("n2");
        var job = fixture.Job(id);
        // Six minutes ahead: beyond the reminder period, so the evaluation at creation arms no timer.
        var due = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddMinutes(6).ToUnixTimeMilliseconds());
        var info = await job.Schedule(new JobSpec { Schedule = JobSchedule.Every(TimeSpan.FromHours(1), due - TimeSpan.FromHours(1)), Handler = RecordingHandler.Name });
        Assert.Equal(due, info.NextDue);

        fixture.Clock.Offset = due - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5);
        try
        {
            var history = await fixture.HistoryAsync(id, h => h.Any(r => r.Status == RunStatus.Succeeded), "the due occurrence's run", TimeSpan.FromSeconds(60));
            Assert.Equal(due, history.First(r => r.Status == RunStatus.Succeeded).Occurrence);
        }
        finally
        {
            fixture.Clock.Offset = TimeSpan.Zero;
            await job.Delete();
        }
    }
}
