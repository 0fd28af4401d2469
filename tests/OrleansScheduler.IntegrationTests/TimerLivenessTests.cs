using OrleansScheduler.IntegrationTests.Support;
using OrleansScheduler.Testing;

namespace OrleansScheduler.IntegrationTests;

/// <summary>
/// Faults review N1: a Redis connection that goes silent under an enqueue ends the call with an exception that is not a
/// <c>RedisException</c> (StackExchange.Redis cancels a command in flight when it gives up on a connection:
/// <see cref="TaskCanceledException"/>; a reset connection can surface as an <see cref="IOException"/>). The job's
/// evaluation must re-arm its timer whatever it threw. Reminders tick only every 5 minutes here, so a job whose timer
/// died would stay silent for the whole deadline.
/// </summary>
public sealed class TimerLivenessTests(ProxiedSlowReminderCluster fixture) : IClassFixture<ProxiedSlowReminderCluster>
{
    private const int Jobs = 24;
    private const int Rounds = 3;

    // Longer than four client timeouts (1 s each): the client then gives up on the connection and cancels what is in flight.
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(7);

    [Fact]
    public async Task N1_JobsWhoseEnqueueWasCancelledWithTheirConnection_FireAgainOnceRedisAnswers()
    {
        var ids = Enumerable.Range(0, Jobs).Select(i => SchedulerCluster.NewJobId($"n1-{i:00}")).ToList();
        foreach (var id in ids)
        {
            await fixture.Job(id).Schedule(new JobSpec { Schedule = JobSchedule.Every(TimeSpan.FromSeconds(1)), Handler = RecordingHandler.Name });
        }

        await Eventually.TrueAsync(() => Task.FromResult(ids.All(id => fixture.Recorder.ForJob(id).Count >= 2)), "every job to run twice", TimeSpan.FromSeconds(60));
        for (var round = 0; round < Rounds; round++)
        {
            fixture.Proxy.Stall();
            await Task.Delay(Stall);
            fixture.Proxy.Resume();
            var resumedAt = DateTimeOffset.UtcNow;
            var deadline = resumedAt + TimeSpan.FromSeconds(60);
            List<string> silent;
            while ((silent = [.. ids.Where(id => !fixture.Recorder.ForJob(id).Any(r => r.Occurrence > resumedAt))]).Count > 0 && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(200);
            }

            Assert.True(silent.Count == 0, $"after stall {round + 1}, {silent.Count} job(s) stayed silent for 60 s: {string.Join(", ", silent)}");
        }

        foreach (var id in ids)
        {
            await fixture.Job(id).Delete();
        }
    }
}
