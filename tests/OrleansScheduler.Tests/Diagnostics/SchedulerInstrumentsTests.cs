using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OrleansScheduler.Diagnostics;

namespace OrleansScheduler.Tests.Diagnostics;

/// <summary>
/// The metric names, units and tags are a contract with dashboards and alerts (Prometheus shows them as
/// <c>osched_runs_started_total</c>, <c>osched_run_fire_lag_seconds_bucket</c>, …): pinned here.
/// </summary>
public sealed class SchedulerInstrumentsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeasurementRecorder _recorder;
    private readonly SchedulerInstruments _instruments;

    public SchedulerInstrumentsTests()
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        _recorder = new MeasurementRecorder(factory);
        _instruments = new SchedulerInstruments(factory);
    }

    public void Dispose()
    {
        _recorder.Dispose();
        _services.Dispose();
    }

    [Fact]
    public void Instruments_HaveThePinnedNamesAndUnits_OnTheOrleansSchedulerMeter()
    {
        var published = _recorder.Instruments.Values.ToDictionary(i => i.Name, i => (i.GetType().GetGenericTypeDefinition().Name, i.Unit), StringComparer.Ordinal);

        Assert.Equal("OrleansScheduler", SchedulerInstruments.MeterName);
        Assert.All(_recorder.Instruments.Values, i => Assert.Equal(SchedulerInstruments.MeterName, i.Meter.Name));
        Assert.Equal(
            new Dictionary<string, (string, string?)>(StringComparer.Ordinal)
            {
                ["osched.occurrences.enqueued"] = ("Counter`1", "{run}"),
                ["osched.occurrences.missed"] = ("Counter`1", "{occurrence}"),
                ["osched.runs.started"] = ("Counter`1", "{run}"),
                ["osched.runs.finished"] = ("Counter`1", "{run}"),
                ["osched.run.fire_lag"] = ("Histogram`1", "s"),
                ["osched.run.duration"] = ("Histogram`1", "s"),
                ["osched.runs.queued"] = ("ObservableGauge`1", "{run}"),
                ["osched.runs.processing"] = ("ObservableGauge`1", "{run}"),
                ["osched.runs.retrying"] = ("ObservableGauge`1", "{run}"),
                ["osched.runs.dead_lettered"] = ("ObservableGauge`1", "{run}"),
                ["osched.dead_letters.dropped"] = ("Counter`1", "{run}"),
                ["osched.queue.consumers"] = ("ObservableGauge`1", "{silo}"),
            },
            published);
    }

    [Fact]
    public void FireLag_HasBucketsFromMillisecondsToMinutes()
    {
        var lag = Assert.IsType<Histogram<double>>(_recorder.Instruments["osched.run.fire_lag"]);

        Assert.Equal([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300], lag.Advice!.HistogramBucketBoundaries!);
    }

    [Fact]
    public void RecordEnqueued_TagsScheduledAndManualRuns()
    {
        _instruments.RecordEnqueued(manual: false);
        _instruments.RecordEnqueued(manual: true);

        Assert.Equal(["scheduled", "manual"], _recorder.Of("osched.occurrences.enqueued").Select(m => m.Tags["osched.run.kind"]));
    }

    [Fact]
    public void RecordStarted_CountsEveryAttempt_ButRecordsTheLagInSecondsOfFirstAttemptsOnly()
    {
        _instruments.RecordStarted(1, TimeSpan.FromMilliseconds(250));
        _instruments.RecordStarted(2, TimeSpan.FromSeconds(40));

        Assert.Equal(2, _recorder.Of("osched.runs.started").Sum(m => m.Value));
        Assert.Equal([0.25], _recorder.Of("osched.run.fire_lag").Select(m => m.Value));
    }

    [Fact]
    public void RecordStarted_RecordsANegativeLagAsZero_WhenSiloClocksDisagree()
    {
        _instruments.RecordStarted(1, TimeSpan.FromMilliseconds(-3));

        Assert.Equal([0.0], _recorder.Of("osched.run.fire_lag").Select(m => m.Value));
    }

    [Theory]
    [InlineData(RunStatus.Succeeded, "succeeded")]
    [InlineData(RunStatus.Failed, "failed")]
    [InlineData(RunStatus.DeadLettered, "dead_lettered")]
    public void RecordFinished_TagsTheStatus_AndRecordsTheDurationInSeconds(RunStatus status, string tag)
    {
        _instruments.RecordFinished(status, TimeSpan.FromSeconds(1.5));

        var finished = Assert.Single(_recorder.Of("osched.runs.finished"));
        var duration = Assert.Single(_recorder.Of("osched.run.duration"));
        Assert.Equal(tag, finished.Tags["osched.run.status"]);
        Assert.Equal((1.5, tag), (duration.Value, duration.Tags["osched.run.status"]));
    }

    [Fact]
    public void RecordMissed_CountsPerJobAndReason()
    {
        _instruments.RecordMissed("nightly", MissedRun.Misfire, 4);
        _instruments.RecordMissed("heartbeat", MissedRun.Overlap, 1);

        Assert.Equal(
            [(4.0, "nightly", "misfire"), (1.0, "heartbeat", "overlap")],
            _recorder.Of("osched.occurrences.missed").Select(m => (m.Value, (string)m.Tags["osched.job.id"]!, (string)m.Tags["osched.missed.reason"]!)));
    }

    [Fact]
    public void QueueGauges_ReportTheLatestDepths_AndNothingWithoutThem()
    {
        Assert.Empty(_recorder.Observe("osched.runs.queued"));

        _instruments.SetQueueDepths(new QueueDepths
        {
            Queued = new Dictionary<string, long> { ["default"] = 3, ["reports"] = 0 },
            Processing = new Dictionary<string, long> { ["127.0.0.1:11111@1"] = 2 },
            Retrying = 5,
            DeadLettered = 7,
            Consumers = new Dictionary<string, int> { ["default"] = 2 },
        });

        Assert.Equal([(3.0, "default"), (0.0, "reports")], _recorder.Observe("osched.runs.queued").Select(m => (m.Value, (string)m.Tags["osched.queue"]!)));
        // Every queue with runs has a consumers figure: 0 for one nobody takes runs from.
        Assert.Equal([(2.0, "default"), (0.0, "reports")], _recorder.Observe("osched.queue.consumers").Select(m => (m.Value, (string)m.Tags["osched.queue"]!)));
        Assert.Equal([(2.0, "127.0.0.1:11111@1")], _recorder.Observe("osched.runs.processing").Select(m => (m.Value, (string)m.Tags["osched.silo"]!)));
        Assert.Equal([5.0], _recorder.Observe("osched.runs.retrying").Select(m => m.Value));
        Assert.Equal([7.0], _recorder.Observe("osched.runs.dead_lettered").Select(m => m.Value));

        _instruments.SetQueueDepths(null);

        Assert.Empty(_recorder.Observe("osched.runs.dead_lettered"));
    }

    [Fact]
    public void QueueDepthsObserved_IsTrue_OnlyWhileAListenerObservesTheGauges()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var unobserved = new SchedulerInstruments(factory);

        Assert.False(unobserved.QueueDepthsObserved);
        Assert.True(_instruments.QueueDepthsObserved);
    }
}
