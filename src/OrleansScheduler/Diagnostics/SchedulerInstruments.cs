using System.Diagnostics.Metrics;

namespace OrleansScheduler.Diagnostics;

/// <summary>The scheduler's metrics, on the <c>OrleansScheduler</c> meter.</summary>
public sealed class SchedulerInstruments
{
    /// <summary>The meter name to subscribe to (e.g. in OpenTelemetry's <c>AddMeter</c>).</summary>
    public const string MeterName = "OrleansScheduler";

    private readonly Counter<long> _enqueued;
    private readonly Counter<long> _started;
    private readonly Counter<long> _finished;
    private readonly Histogram<double> _lag;
    private readonly Histogram<double> _duration;

    /// <summary>Creates the instruments on a meter from the factory.</summary>
    public SchedulerInstruments(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _enqueued = meter.CreateCounter<long>("orleans-scheduler-occurrences-enqueued", description: "Occurrences and triggered runs pushed onto a queue.");
        _started = meter.CreateCounter<long>("orleans-scheduler-runs-started", description: "Run attempts started.");
        _finished = meter.CreateCounter<long>("orleans-scheduler-runs-finished", description: "Run attempts finished, tagged by status.");
        _lag = meter.CreateHistogram<double>("orleans-scheduler-fire-lag", unit: "ms", description: "Start of a run minus its nominal time.");
        _duration = meter.CreateHistogram<double>("orleans-scheduler-run-duration", unit: "ms", description: "How long handlers ran.");
    }

    internal void RecordEnqueued(bool manual) => _enqueued.Add(1, new KeyValuePair<string, object?>("manual", manual));

    internal void RecordStart(string jobId, TimeSpan lag)
    {
        _started.Add(1);
        _lag.Record(lag.TotalMilliseconds);
    }

    internal void RecordFinish(string jobId, RunStatus status, TimeSpan duration)
    {
        _finished.Add(1, new KeyValuePair<string, object?>("status", status.ToString()));
        _duration.Record(duration.TotalMilliseconds);
    }
}
