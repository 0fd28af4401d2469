using System.Collections.Concurrent;
using System.Diagnostics;
using OrleansScheduler.Diagnostics;
using OrleansScheduler.Redis;

namespace OrleansScheduler.Tests.Diagnostics;

public sealed class SchedulerActivitiesTests : IDisposable
{
    private const string SchedulingCall = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private static readonly ActivitySource Caller = new("OrleansScheduler.Tests.Caller");

    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public SchedulerActivitiesTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is SchedulerActivities.SourceName or "OrleansScheduler.Tests.Caller",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task StartEnqueue_OfAScheduledOccurrence_StartsANewTrace_LinkedToTheSchedulingCall()
    {
        using var unrelated = Caller.StartActivity("timer tick");

        var enqueue = await StartAsync(() => SchedulerActivities.StartEnqueue(Message(), new TraceContext(SchedulingCall, "vendor=1"), newTrace: true));

        Assert.Equal(("osched.enqueue", ActivityKind.Producer), (enqueue.OperationName, enqueue.Kind));
        Assert.Null(enqueue.ParentId);
        Assert.NotEqual(unrelated!.TraceId, enqueue.TraceId);
        var link = Assert.Single(enqueue.Links);
        Assert.Equal(SchedulingCall, $"00-{link.Context.TraceId}-{link.Context.SpanId}-01");
        Assert.Equal("vendor=1", link.Context.TraceState);
        Assert.Equal("nightly", enqueue.GetTagItem("osched.job.id"));
        Assert.Equal("nightly@2026-12-01T08:00:00.000Z", enqueue.GetTagItem("osched.run.id"));
        Assert.Equal("2026-12-01T08:00:00.000Z", enqueue.GetTagItem("osched.occurrence"));
        Assert.Equal("default", enqueue.GetTagItem("osched.queue"));
    }

    [Fact]
    public async Task StartEnqueue_OfATriggeredRun_IsPartOfTheTriggerCallsTrace()
    {
        using var trigger = Caller.StartActivity("trigger");

        var enqueue = await StartAsync(() => SchedulerActivities.StartEnqueue(Message(), link: null, newTrace: false));

        Assert.Equal(trigger!.TraceId, enqueue.TraceId);
        Assert.Equal(trigger.SpanId, enqueue.ParentSpanId);
        Assert.Empty(enqueue.Links);
    }

    [Fact]
    public async Task StartRun_StartsAConsumerSpanInANewTrace_LinkedToTheCarriedContext_WithTheAttemptsTags()
    {
        using var dispatcher = Caller.StartActivity("dispatcher");

        var run = await StartAsync(() => SchedulerActivities.StartRun(Message() with { Attempt = 2, TraceParent = SchedulingCall }, "127.0.0.1:11111@1"));

        Assert.Equal(("osched.run", ActivityKind.Consumer), (run.OperationName, run.Kind));
        Assert.NotEqual(dispatcher!.TraceId, run.TraceId);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", Assert.Single(run.Links).Context.TraceId.ToString());
        Assert.Equal(2, run.GetTagItem("osched.run.attempt"));
        Assert.Equal("log", run.GetTagItem("osched.handler"));
        Assert.Equal("127.0.0.1:11111@1", run.GetTagItem("osched.silo"));
        Assert.Equal("nightly", run.GetTagItem("osched.job.id"));
        Assert.Equal("nightly@2026-12-01T08:00:00.000Z", run.GetTagItem("osched.run.id"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not a traceparent")]
    public async Task StartRun_HasNoLink_WhenTheMessageCarriesNoValidContext(string? traceParent)
    {
        var run = await StartAsync(() => SchedulerActivities.StartRun(Message() with { TraceParent = traceParent }, "silo"));

        Assert.Empty(run.Links);
    }

    [Theory]
    [InlineData(RunStatus.Succeeded, ActivityStatusCode.Unset, "succeeded")]
    [InlineData(RunStatus.Failed, ActivityStatusCode.Error, "failed")]
    [InlineData(RunStatus.DeadLettered, ActivityStatusCode.Error, "dead_lettered")]
    public async Task SetOutcome_MarksFailedAttemptsAsErrors_WithTheError(RunStatus status, ActivityStatusCode code, string tag)
    {
        var run = await StartAsync(() => SchedulerActivities.StartRun(Message(), "silo"));

        SchedulerActivities.SetOutcome(run, status, status == RunStatus.Succeeded ? null : "boom");

        Assert.Equal(code, run.Status);
        Assert.Equal(tag, run.GetTagItem("osched.run.status"));
        Assert.Equal(status == RunStatus.Succeeded ? null : "boom", run.StatusDescription);
    }

    [Fact]
    public void TraceContext_IsCapturedFromW3CActivitiesOnly()
    {
        using var w3c = new Activity("w3c").SetIdFormat(ActivityIdFormat.W3C).Start();
        var captured = TraceContext.Capture(w3c);
        w3c.Stop();
        using var hierarchical = new Activity("hierarchical").SetIdFormat(ActivityIdFormat.Hierarchical).Start();
        var notCaptured = TraceContext.Capture(hierarchical);

        Assert.Equal(w3c.Id, captured?.TraceParent);
        Assert.Null(notCaptured);
        Assert.Null(TraceContext.Capture(null));
    }

    private static RunMessage Message() => new()
    {
        RunId = "nightly@2026-12-01T08:00:00.000Z",
        JobId = "nightly",
        Occurrence = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(),
        Handler = "log",
        Queue = "default",
    };

    // The scheduler starts its spans from async methods, whose changes to Activity.Current end with them; so do the tests.
    private static async Task<Activity> StartAsync(Func<Activity?> start)
    {
        await Task.Yield();
        var activity = start() ?? throw new InvalidOperationException("no activity started: is the listener attached?");
        activity.Stop();
        return activity;
    }
}
