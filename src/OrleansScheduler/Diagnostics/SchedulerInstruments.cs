using System.Diagnostics.Metrics;

namespace OrleansScheduler.Diagnostics;

/// <summary>
/// The scheduler's metrics, on the <see cref="MeterName"/> meter. Names follow OpenTelemetry's conventions: dotted and
/// lowercase, durations in seconds. A Prometheus exporter writes them with underscores and unit suffixes
/// (<c>osched.run.fire_lag</c> becomes <c>osched_run_fire_lag_seconds</c>, counters end in <c>_total</c>).
/// Counters and histograms count what this silo did; the <c>osched.runs.queued</c>, <c>retrying</c> and
/// <c>dead_lettered</c> gauges are cluster-wide (every silo reports the same), <c>osched.runs.processing</c> is this silo's.
/// </summary>
public sealed class SchedulerInstruments
{
    /// <summary>The meter name to subscribe to (e.g. in OpenTelemetry's <c>AddMeter</c>).</summary>
    public const string MeterName = "OrleansScheduler";

    internal const string EnqueuedName = "osched.occurrences.enqueued";
    internal const string MissedName = "osched.occurrences.missed";
    internal const string StartedName = "osched.runs.started";
    internal const string FinishedName = "osched.runs.finished";
    internal const string FireLagName = "osched.run.fire_lag";
    internal const string DurationName = "osched.run.duration";
    internal const string QueuedName = "osched.runs.queued";
    internal const string ProcessingName = "osched.runs.processing";
    internal const string RetryingName = "osched.runs.retrying";
    internal const string DeadLetteredName = "osched.runs.dead_lettered";
    internal const string DeadLettersDroppedName = "osched.dead_letters.dropped";
    internal const string ConsumersName = "osched.queue.consumers";

    internal const string RunKindTag = "osched.run.kind";
    internal const string StatusTag = "osched.run.status";
    internal const string JobIdTag = "osched.job.id";
    internal const string ReasonTag = "osched.missed.reason";
    internal const string QueueTag = "osched.queue";
    internal const string SiloTag = "osched.silo";

    // From "on time" to "a silo crashed and was noticed" (seconds) to "the cluster was down" (minutes).
    private static readonly double[] LagBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    // Handlers range from a log line to long batch jobs bounded by the run timeout (default 5 min).
    private static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

    private static readonly KeyValuePair<string, object?> Scheduled = new(RunKindTag, "scheduled");
    private static readonly KeyValuePair<string, object?> Manual = new(RunKindTag, "manual");

    private readonly Counter<long> _enqueued;
    private readonly Counter<long> _missed;
    private readonly Counter<long> _started;
    private readonly Counter<long> _finished;
    private readonly Counter<long> _deadLettersDropped;
    private readonly Histogram<double> _lag;
    private readonly Histogram<double> _duration;
    private readonly ObservableGauge<long>[] _depthGauges;

    // Written by the queue-depth poller, read by the gauges' callbacks: a callback must never wait for Redis.
    private volatile QueueDepths? _depths;

    /// <summary>Creates the instruments on a meter from the factory.</summary>
    public SchedulerInstruments(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _enqueued = meter.CreateCounter<long>(EnqueuedName, "{run}", "Runs pushed onto a queue: scheduled occurrences and triggered runs (osched.run.kind).");
        _missed = meter.CreateCounter<long>(MissedName, "{occurrence}", "Occurrences a policy skipped, by job (osched.job.id) and reason (osched.missed.reason: misfire or overlap).");
        _started = meter.CreateCounter<long>(StartedName, "{run}", "Run attempts whose handler started.");
        _finished = meter.CreateCounter<long>(FinishedName, "{run}", "Run attempts finished, by status (osched.run.status: succeeded, failed, dead_lettered).");
        _deadLettersDropped = meter.CreateCounter<long>(DeadLettersDroppedName, "{run}", "Dead letters dropped, oldest first, because more than Scheduler:DeadLetterLimit were kept or they were older than Scheduler:DeadLetterRetention.");
        _lag = meter.CreateHistogram(FireLagName, "s", "Handler start minus the occurrence's nominal time, for first attempts.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBuckets });
        _duration = meter.CreateHistogram(DurationName, "s", "How long handlers ran, by status (osched.run.status).", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _depthGauges =
        [
            meter.CreateObservableGauge(QueuedName, () => Observe(d => d.Queued.Select(q => new Measurement<long>(q.Value, new KeyValuePair<string, object?>(QueueTag, q.Key)))), "{run}", "Runs waiting in each queue (osched.queue), cluster-wide."),
            meter.CreateObservableGauge(ProcessingName, () => Observe(d => d.Processing.Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>(SiloTag, p.Key)))), "{run}", "Runs this silo (osched.silo) has fetched and not yet settled."),
            meter.CreateObservableGauge(RetryingName, () => Observe(d => [new Measurement<long>(d.Retrying)]), "{run}", "Failed runs waiting for their next attempt, cluster-wide."),
            meter.CreateObservableGauge(DeadLetteredName, () => Observe(d => [new Measurement<long>(d.DeadLettered)]), "{run}", "Dead-lettered runs, cluster-wide."),
            meter.CreateObservableGauge(ConsumersName, () => Observe(d => d.Queued.Keys.Select(q => new Measurement<long>(d.Consumers.GetValueOrDefault(q), new KeyValuePair<string, object?>(QueueTag, q)))), "{silo}", "Live silos taking runs from each queue (osched.queue), cluster-wide; 0 for a queue that holds runs nobody takes."),
        ];
    }

    internal void RecordEnqueued(bool manual) => _enqueued.Add(1, manual ? Manual : Scheduled);

    internal void RecordDeadLettersDropped(long count) => _deadLettersDropped.Add(count);

    internal void RecordMissed(string jobId, string reason, long count) =>
        _missed.Add(count, new KeyValuePair<string, object?>(JobIdTag, jobId), new KeyValuePair<string, object?>(ReasonTag, reason));

    /// <summary>Counts a started attempt; the lag of first attempts only, as later ones start after a retry delay by design.</summary>
    internal void RecordStarted(int attempt, TimeSpan lag)
    {
        _started.Add(1);
        if (attempt == 1)
        {
            // Clocks of silos differ by a little: a run may start a hair "before" its nominal time elsewhere. A negative
            // observation would make the histogram's sum fall, which Prometheus reads as a counter reset.
            _lag.Record(Math.Max(0, lag.TotalSeconds));
        }
    }

    internal void RecordFinished(RunStatus status, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>(StatusTag, StatusName(status));
        _finished.Add(1, tag);
        _duration.Record(Math.Max(0, duration.TotalSeconds), tag);
    }

    /// <summary>Whether anything (an exporter) observes the queue gauges: when nothing does, there is no need to read Redis for them.</summary>
    internal bool QueueDepthsObserved => _depthGauges.Any(g => g.Enabled);

    /// <summary>Replaces the queue depths the gauges report; null stops reporting them (Redis unreachable: better none than stale ones).</summary>
    internal void SetQueueDepths(QueueDepths? depths) => _depths = depths;

    internal static string StatusName(RunStatus status) => status switch
    {
        RunStatus.Succeeded => "succeeded",
        RunStatus.Failed => "failed",
        RunStatus.DeadLettered => "dead_lettered",
        _ => "skipped",
    };

    private IEnumerable<Measurement<long>> Observe(Func<QueueDepths, IEnumerable<Measurement<long>>> read) =>
        _depths is { } depths ? read(depths) : [];
}
