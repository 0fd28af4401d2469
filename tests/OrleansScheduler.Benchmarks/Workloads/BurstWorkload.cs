using System.Globalization;
using OrleansScheduler.Benchmarks.Infrastructure;
using OrleansScheduler.Benchmarks.Measurement;
using OrleansScheduler.Benchmarks.Reporting;

namespace OrleansScheduler.Benchmarks.Workloads;

/// <summary>
/// <c>burst</c>: N one-shot jobs registered ahead, all due at the same instant D. Measures how fast they register,
/// how soon after D the last run starts and finishes, and whether each ran exactly once.
/// </summary>
/// <param name="jobs">N.</param>
/// <param name="warmupRounds">Warm-up bursts before the measured one (see <see cref="WarmUpAsync"/>).</param>
/// <param name="warmupPause">
/// The pause after each warm-up burst, for the runtime's tiered compilation to recompile what the burst called;
/// <see cref="DefaultWarmupPause"/> when null.
/// </param>
internal sealed class BurstWorkload(int jobs, int warmupRounds = BurstWorkload.DefaultWarmupRounds, TimeSpan? warmupPause = null) : IWorkload
{
    /// <summary>The pause after a warm-up burst by default.</summary>
    public static readonly TimeSpan DefaultWarmupPause = TimeSpan.FromSeconds(2);

    /// <summary>The pause with <c>--quick</c>.</summary>
    public static readonly TimeSpan QuickWarmupPause = TimeSpan.FromSeconds(0.5);

    /// <summary>Warm-up bursts by default.</summary>
    public const int DefaultWarmupRounds = 2;

    /// <summary>Warm-up bursts with <c>--quick</c>: its figures are not for reading, so it saves the time of one.</summary>
    public const int QuickWarmupRounds = 1;

    /// <summary>N by default.</summary>
    public const int DefaultJobs = 10_000;

    /// <summary>N with <c>--quick</c>.</summary>
    public const int QuickJobs = 500;

    // D must fall after the registration: it is set from the rate measured while registering idle warm-up jobs,
    // with this much room, and no later than a job grain arms its timer for (the wake-up period, 1 min).
    private const double LeadFactor = 2;
    private static readonly TimeSpan MinimumLead = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan MaximumLead = TimeSpan.FromSeconds(55);

    /// <inheritdoc/>
    public string Name => "burst";


    private TimeSpan WarmupPause => warmupPause ?? DefaultWarmupPause;

    private int WarmupJobs => Math.Clamp(jobs / 10, 100, 1000);

    private int WarmupBurstJobs => Math.Clamp(jobs / 2, 100, 5000);

    /// <inheritdoc/>
    public Task<WorkloadResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken) =>
        context.WithClusterAsync(Name, [], cluster => RunAsync(context, cluster, cancellationToken), cancellationToken);

    private async Task<WorkloadResult> RunAsync(WorkloadContext context, BenchmarkCluster cluster, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        await using var client = await cluster.ConnectClientAsync(cancellationToken).ConfigureAwait(false);

        // Warm-up with idle jobs: the first half warms JIT, connections and both silos; the second, warm, gives the
        // rate from which D is placed (a cold rate would put D needlessly far).
        var idle = Schedules.IdleDaily(DateTimeOffset.UtcNow);
        var warmup = Enumerable.Range(0, WarmupJobs).Select(i => new JobRegistration(Id("burst-warmup", i), Schedules.Noop(idle))).ToList();
        await JobRegistrar.RegisterAsync(client, warmup[..(warmup.Count / 2)], context.Concurrency, cancellationToken).ConfigureAwait(false);
        var warmupTime = await JobRegistrar.RegisterAsync(client, warmup[(warmup.Count / 2)..], context.Concurrency, cancellationToken).ConfigureAwait(false);
        var warmupRate = (warmup.Count - (warmup.Count / 2)) / warmupTime.TotalSeconds;
        context.Log(Name, Text($"warm-up: {warmup.Count} idle jobs at {warmupRate:N0} jobs/s"));
        warmupRate = await WarmUpAsync(context, cluster, client, warmupRate, cancellationToken).ConfigureAwait(false);

        var round = await RunBurstAsync(context, cluster, client, "burst", jobs, warmupRate, cancellationToken).ConfigureAwait(false);
        var (burst, due, drain) = (round.Jobs, round.Due, round.Drain);
        var rate = jobs / round.Registration.TotalSeconds;
        if (round.Registered >= due)
        {
            notes.Add(Text($"registration ended {(round.Registered - due).TotalMilliseconds:N0} ms after D: jobs registered late ran late, so the lags overstate the scheduler's"));
        }

        if (!round.Settled)
        {
            notes.Add(Text($"not every run had finished {(round.Deadline - due).TotalSeconds:0} s after D"));
        }

        var db = cluster.Database;
        var histories = await new HistoryReader(db, cluster.Keys).ReadAsync([.. burst.Select(j => j.Id)], cancellationToken).ConfigureAwait(false);
        var dueMs = due.ToUnixTimeMilliseconds();
        var audit = RunAudit.Of(burst.Select(j => new ExpectedRun(j.Id, dueMs)), histories);
        context.Log(Name, Text($"{audit.Executed:N0} of {audit.Expected:N0} ran; {audit.Missing} missing, {audit.Duplicated} duplicated"));
        notes.AddRange(AuditNotes.Describe(audit));

        var lags = LagStats.Of(audit.LagsMs);
        var lastFinished = audit.LastFinishedAt - dueMs;
        return new WorkloadResult
        {
            Workload = Name,
            Parameters = new Dictionary<string, string>
            {
                ["jobs"] = jobs.ToString(CultureInfo.InvariantCulture),
                ["warm-up jobs"] = warmup.Count.ToString(CultureInfo.InvariantCulture),
                ["warm-up bursts"] = Text($"{warmupRounds} × {WarmupBurstJobs:N0} one-shot jobs, {WarmupPause.TotalSeconds:0.#} s pause after each"),
                ["registration concurrency"] = context.Concurrency.ToString(CultureInfo.InvariantCulture),
                ["lead of D after registration start"] = Text($"{round.Lead.TotalSeconds:0.0} s"),
            },
            Metrics =
            [
                new() { Key = "registrationRate", Label = "registration rate", Value = rate, Unit = "jobs/s", Target = Target.Minimum(10_000) },
                new() { Key = "firstStartedAfterDue", Label = "first run started, after D", Value = audit.FirstStartedAt - dueMs, Unit = "ms" },
                new() { Key = "allEnqueuedAfterDue", Label = Text($"every run enqueued, after D (polled every {DrainWatch.PollInterval.TotalMilliseconds:0} ms)"), Value = (drain.AllEnqueuedAt - due)?.TotalMilliseconds, Unit = "ms" },
                new() { Key = "peakQueued", Label = "longest queue seen", Value = drain.PeakQueued, Unit = "runs" },
                new() { Key = "lastStartedAfterDue", Label = "last run started, after D", Value = audit.LastStartedAt - dueMs, Unit = "ms", Target = Target.AtMost(1000) },
                new() { Key = "lastFinishedAfterDue", Label = "last run finished, after D", Value = lastFinished, Unit = "ms" },
                new() { Key = "throughput", Label = "throughput (runs ÷ time from D to last finish)", Value = lastFinished is > 0 ? audit.Executed / (lastFinished.Value / 1000.0) : null, Unit = "runs/s" },
                new() { Key = "lagP50", Label = "lag p50", Value = lags?.P50, Unit = "ms" },
                new() { Key = "lagP95", Label = "lag p95", Value = lags?.P95, Unit = "ms" },
                new() { Key = "lagP99", Label = "lag p99", Value = lags?.P99, Unit = "ms" },
                new() { Key = "lagMax", Label = "lag max", Value = lags?.Max, Unit = "ms" },
                new() { Key = "startedWithin1s", Label = "runs started within 1 s of D", Value = jobs == 0 ? null : 100.0 * audit.LagsMs.Count(l => l <= 1000) / jobs, Unit = "%", Decimals = 1, Target = Target.Minimum(100) },
                Metric.Check("missing", "missing runs", audit.Missing),
                Metric.Check("duplicated", "duplicated runs", audit.Duplicated),
            ],
            Notes = notes,
        };
    }

    /// <summary>
    /// Runs <c>warmupRounds</c> smaller bursts through the whole path (register, fire, enqueue, dispatch, complete),
    /// each followed by a pause, and returns the registration rate of the last. The measured burst thus finds the
    /// silos as a cluster that has been running finds them. .NET first compiles a method quickly (tier 0) and
    /// recompiles it optimised only once its calls have been counted, which starts when a burst of newly compiled
    /// code has quieted down: after one burst the fire path is still unoptimised, and the next burst pays for its
    /// recompilation (docs/performance.md measures it).
    /// </summary>
    private async Task<double> WarmUpAsync(WorkloadContext context, BenchmarkCluster cluster, SchedulerClient client, double rate, CancellationToken cancellationToken)
    {
        for (var round = 1; round <= warmupRounds; round++)
        {
            var warm = await RunBurstAsync(context, cluster, client, Text($"burst-warmup{round}"), WarmupBurstJobs, rate, cancellationToken).ConfigureAwait(false);
            rate = warm.Jobs.Count / warm.Registration.TotalSeconds;
            context.Log(Name, Text($"warm-up burst {round} of {warmupRounds}: {(warm.Settled ? "all ran" : "not all ran in time")}"));
            await Task.Delay(WarmupPause, cancellationToken).ConfigureAwait(false);
        }

        return rate;
    }

    /// <summary>
    /// One burst: <paramref name="count"/> one-shot jobs due at an instant D placed from <paramref name="rate"/> (the
    /// registration rate expected), registered, then waited for until every job has enqueued and no run is queued or
    /// running, or until a deadline.
    /// </summary>
    private async Task<BurstRound> RunBurstAsync(WorkloadContext context, BenchmarkCluster cluster, SchedulerClient client, string prefix, int count, double rate, CancellationToken cancellationToken)
    {
        // Runs of earlier bursts are in the counts the drain watches.
        var enqueuedBefore = await cluster.Database.HashLengthAsync(cluster.Keys.LastEnqueued).ConfigureAwait(false);
        var lead = Lead(count, rate);
        var due = Schedules.WholeMilliseconds(DateTimeOffset.UtcNow + lead);
        context.Log(Name, Text($"{prefix}: registering {count:N0} one-shot jobs due at D = {due:HH:mm:ss.fff} (in {lead.TotalSeconds:0.0} s)"));
        var jobs = Enumerable.Range(0, count).Select(i => new JobRegistration(Id(prefix, i), Schedules.Noop(JobSchedule.Once(due)))).ToList();
        var registration = await JobRegistrar.RegisterAsync(client, jobs, context.Concurrency, cancellationToken).ConfigureAwait(false);
        var registered = DateTimeOffset.UtcNow;
        context.Log(Name, Text($"{prefix}: registered in {registration.TotalSeconds:0.00} s ({count / registration.TotalSeconds:N0} jobs/s); waiting for D and the runs"));

        await Waits.UntilAsync(due, cancellationToken).ConfigureAwait(false);
        var deadline = due + TimeSpan.FromSeconds(Math.Max(30, count / 200.0));
        var drain = new DrainWatch(cluster.Database, cluster.Keys, JobSpec.DefaultQueue);
        var settled = await drain.WaitAsync(enqueuedBefore + count, deadline, cancellationToken).ConfigureAwait(false);
        return new BurstRound(jobs, lead, due, registration, registered, drain, settled, deadline);
    }

    private static TimeSpan Lead(int count, double rate) =>
        TimeSpan.FromSeconds(Math.Clamp((count / rate * LeadFactor) + MinimumLead.TotalSeconds, MinimumLead.TotalSeconds, MaximumLead.TotalSeconds));

    private static string Id(string prefix, int index) => prefix + "-" + index.ToString("D6", CultureInfo.InvariantCulture);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>What one burst did: its jobs, D and how far ahead it was placed, how long the registration took and when it ended, and how the drain went.</summary>
    private sealed record BurstRound(
        IReadOnlyList<JobRegistration> Jobs,
        TimeSpan Lead,
        DateTimeOffset Due,
        TimeSpan Registration,
        DateTimeOffset Registered,
        DrainWatch Drain,
        bool Settled,
        DateTimeOffset Deadline);
}
