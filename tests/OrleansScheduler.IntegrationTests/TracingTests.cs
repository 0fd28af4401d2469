using System.Diagnostics;
using OrleansScheduler.IntegrationTests.Support;

namespace OrleansScheduler.IntegrationTests;

/// <summary>
/// A run's trace leads back to the call that caused it, through Orleans' activity propagation (on in this cluster's
/// silos and client) and the trace context the scheduler keeps in job state and run messages.
/// </summary>
public sealed class TracingTests(SchedulerCluster fixture) : IClassFixture<SchedulerCluster>, IDisposable
{
    private readonly SpanRecorder _spans = new();

    public void Dispose() => _spans.Dispose();

    [Fact]
    public async Task ScheduledRun_LinksThroughItsEnqueue_ToTheTraceOfTheScheduleCall()
    {
        var id = SchedulerCluster.NewJobId("traced");
        ActivityTraceId scheduleCall;
        using (var call = SpanRecorder.Test.StartActivity("schedule from a test"))
        {
            scheduleCall = call!.TraceId;
            await fixture.Job(id).Schedule(new JobSpec { Schedule = JobSchedule.Every(TimeSpan.FromSeconds(1)), Handler = RecordingHandler.Name });
        }

        var run = await _spans.EventuallyAsync(s => s.OperationName == "osched.run" && Equals(s.GetTagItem("osched.job.id"), id), "a run span of the job");
        var enqueueContext = Assert.Single(run.Links).Context;
        var enqueue = await _spans.EventuallyAsync(s => s.SpanId == enqueueContext.SpanId, "the enqueue span the run links to");
        await fixture.Job(id).Delete();

        Assert.Equal((ActivityKind.Consumer, ActivityStatusCode.Unset), (run.Kind, run.Status));
        Assert.NotEqual(scheduleCall, run.TraceId);
        Assert.Equal(("osched.enqueue", ActivityKind.Producer), (enqueue.OperationName, enqueue.Kind));
        Assert.Contains(enqueue.Links, link => link.Context.TraceId == scheduleCall);
        Assert.Equal(enqueue.GetTagItem("osched.run.id"), run.GetTagItem("osched.run.id"));
        Assert.Equal(1, run.GetTagItem("osched.run.attempt"));
        Assert.Equal(RecordingHandler.Name, run.GetTagItem("osched.handler"));
        Assert.Equal("succeeded", run.GetTagItem("osched.run.status"));
        Assert.NotNull(run.GetTagItem("osched.silo"));
    }

    [Fact]
    public async Task TriggeredRun_LinksToTheTraceOfTheTriggerCall()
    {
        var id = SchedulerCluster.NewJobId("traced-trigger");
        await fixture.Job(id).Schedule(new JobSpec { Schedule = JobSchedule.FromCron("0 0 1 1 *"), Handler = RecordingHandler.Name });
        ActivityTraceId triggerCall;
        string runId;
        using (var call = SpanRecorder.Test.StartActivity("trigger from a test"))
        {
            triggerCall = call!.TraceId;
            runId = await fixture.Job(id).Trigger();
        }

        var run = await _spans.EventuallyAsync(s => s.OperationName == "osched.run" && Equals(s.GetTagItem("osched.run.id"), runId), "the triggered run's span");
        await fixture.Job(id).Delete();

        Assert.Equal(triggerCall, Assert.Single(run.Links).Context.TraceId);
    }

    [Fact]
    public async Task DeadLetteredRun_MarksItsSpanAsAnError_WithTheHandlersError()
    {
        var id = SchedulerCluster.NewJobId("traced-failure");
        await fixture.Job(id).Schedule(new JobSpec { Schedule = JobSchedule.FromCron("0 0 1 1 *"), Handler = FailingHandler.Name, MaxAttempts = 1 });
        var runId = await fixture.Job(id).Trigger();

        var run = await _spans.EventuallyAsync(s => s.OperationName == "osched.run" && Equals(s.GetTagItem("osched.run.id"), runId), "the failed run's span");
        await fixture.Job(id).Delete();

        Assert.Equal(ActivityStatusCode.Error, run.Status);
        Assert.Contains("boom from", run.StatusDescription, StringComparison.Ordinal);
        Assert.Equal("dead_lettered", run.GetTagItem("osched.run.status"));
    }
}
