using System.Globalization;
using OrleansScheduler.Benchmarks.Infrastructure;
using OrleansScheduler.Benchmarks.Measurement;
using OrleansScheduler.Benchmarks.Reporting;

namespace OrleansScheduler.Benchmarks.Workloads;

/// <summary>
/// <c>steady</c>: jobs firing every second, measured over a window after a warm-up: occurrences expected and
/// executed, missed and duplicated ones, lag against each nominal time, and the CPU the silos and Redis used.
/// </summary>
/// <param name="jobs">How many jobs.</param>
/// <param name="duration">The measured window.</param>
/// <param name="warmup">How long the jobs fire before the window opens.</param>
internal sealed class SteadyWorkload(int jobs, TimeSpan duration, TimeSpan warmup) : IWorkload
{
    /// <summary>Jobs by default.</summary>
    public const int DefaultJobs = 500;

    /// <summary>Jobs with <c>--quick</c>.</summary>
    public const int QuickJobs = 50;

    /// <summary>The window by default.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(60);

    /// <summary>The window with <c>--quick</c>.</summary>
    public static readonly TimeSpan QuickDuration = TimeSpan.FromSeconds(10);

    /// <summary>The warm-up by default.</summary>
    public static readonly TimeSpan DefaultWarmup = TimeSpan.FromSeconds(10);

    /// <summary>The warm-up with <c>--quick</c>.</summary>
    public static readonly TimeSpan QuickWarmup = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    // Runs of the window's last occurrences finish within milliseconds when all is well; late ones get until the deadline.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DrainDeadline = TimeSpan.FromSeconds(15);

    /// <inheritdoc/>
    public string Name => "steady";

    // The history must still hold every entry of the window when it is read: at one entry a second, the time from
    // the window's start to the last read, with room to spare. The silo's default (100) is too short for 60 s.
    private int HistoryLimit => (int)Math.Ceiling((warmup + duration + DrainDeadline).TotalSeconds / Interval.TotalSeconds) + 60;

    /// <inheritdoc/>
    public Task<WorkloadResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken) =>
        context.WithClusterAsync(
            Name,
            ["--Scheduler:HistoryLimit=" + HistoryLimit.ToString(CultureInfo.InvariantCulture)],
            cluster => RunAsync(context, cluster, cancellationToken),
            cancellationToken);

    private async Task<WorkloadResult> RunAsync(WorkloadContext context, BenchmarkCluster cluster, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        await using var client = await cluster.ConnectClientAsync(cancellationToken).ConfigureAwait(false);

        // Anchors spread evenly over the second, as jobs registered at random moments would be; every job fires
        // once a second from then on, never drifting.
        var origin = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var registrations = Enumerable.Range(0, jobs)
            .Select(i => new JobRegistration(
                "steady-" + i.ToString("D5", CultureInfo.InvariantCulture),
                Schedules.Noop(JobSchedule.Every(Interval, origin.AddMilliseconds(i * 1000 / jobs)))))
            .ToList();
        context.Log(Name, Text($"registering {jobs:N0} jobs firing every {Interval.TotalSeconds:0} s"));
        var registration = await JobRegistrar.RegisterAsync(client, registrations, context.Concurrency, cancellationToken).ConfigureAwait(false);

        var windowStart = Schedules.WholeMilliseconds(DateTimeOffset.UtcNow + warmup);
        var windowEnd = windowStart + duration;
        context.Log(Name, Text($"registered in {registration.TotalSeconds:0.00} s; warm-up {warmup.TotalSeconds:0} s, then measuring {duration.TotalSeconds:0} s"));
        await Waits.UntilAsync(windowStart, cancellationToken).ConfigureAwait(false);
        var silosBefore = cluster.Silos.Select(s => ProcessSample.Read(s.Pid)).ToList();
        var redisBefore = await RedisStats.ReadAsync(cluster.RedisConnection).ConfigureAwait(false);
        await Waits.UntilAsync(windowEnd, cancellationToken).ConfigureAwait(false);
        var silosAfter = cluster.Silos.Select(s => ProcessSample.Read(s.Pid)).ToList();
        var redisAfter = await RedisStats.ReadAsync(cluster.RedisConnection).ConfigureAwait(false);

        var expected = registrations.SelectMany(r => Occurrences(r, windowStart, windowEnd)).ToList();
        await Waits.UntilAsync(windowEnd + Settle, cancellationToken).ConfigureAwait(false);
        var reader = new HistoryReader(cluster.Database, cluster.Keys);
        var ids = registrations.Select(r => r.Id).ToList();
        RunAudit audit;
        while (true)
        {
            audit = RunAudit.Of(expected, await reader.ReadAsync(ids, cancellationToken).ConfigureAwait(false));
            if (audit.Missing == 0 || DateTimeOffset.UtcNow >= windowEnd + DrainDeadline)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }

        context.Log(Name, Text($"{audit.Executed:N0} of {audit.Expected:N0} occurrences ran; {audit.Missing} missed, {audit.Duplicated} duplicated"));
        notes.AddRange(AuditNotes.Describe(audit));
        var cpu = silosAfter.Zip(silosBefore, (after, before) => after is { } a && before is { } b ? a.CpuPercentSince(b) : (double?)null).ToList();
        if (cpu.Any(c => c is null))
        {
            notes.Add("silo CPU could not be read from /proc (not Linux?)");
        }

        var lags = LagStats.Of(audit.LagsMs);
        var metrics = new List<Metric>
        {
            new() { Key = "expected", Label = "occurrences expected in the window", Value = audit.Expected, Unit = "runs" },
            new() { Key = "executedPercent", Label = "executed", Value = audit.Expected == 0 ? null : 100.0 * audit.Executed / audit.Expected, Unit = "%", Decimals = 2, Target = Target.Minimum(100) },
            Metric.Check("missed", "missed runs", audit.Missing),
            Metric.Check("duplicated", "duplicated runs", audit.Duplicated),
            new() { Key = "lagP50", Label = "lag p50", Value = lags?.P50, Unit = "ms", Target = Target.AtMost(5) },
            new() { Key = "lagP95", Label = "lag p95", Value = lags?.P95, Unit = "ms" },
            new() { Key = "lagP99", Label = "lag p99", Value = lags?.P99, Unit = "ms", Target = Target.AtMost(25) },
            new() { Key = "lagMax", Label = "lag max", Value = lags?.Max, Unit = "ms" },
        };
        for (var i = 0; i < cpu.Count; i++)
        {
            metrics.Add(new() { Key = $"silo{i + 1}Cpu", Label = $"silo {i + 1} CPU (% of one core)", Value = cpu[i], Unit = "%", Decimals = 1 });
        }

        metrics.Add(new() { Key = "redisCpu", Label = "Redis CPU (% of one core)", Value = redisAfter.CpuPercentSince(redisBefore), Unit = "%", Decimals = 1 });
        metrics.Add(new() { Key = "siloRssMax", Label = "silo RSS, larger silo", Value = silosAfter.Max(s => s?.RssBytes) / 1024.0 / 1024.0, Unit = "MiB" });
        return new WorkloadResult
        {
            Workload = Name,
            Parameters = new Dictionary<string, string>
            {
                ["jobs"] = jobs.ToString(CultureInfo.InvariantCulture),
                ["interval"] = "1s",
                ["window"] = Text($"{duration.TotalSeconds:0} s"),
                ["warm-up"] = Text($"{warmup.TotalSeconds:0} s"),
                ["history limit"] = HistoryLimit.ToString(CultureInfo.InvariantCulture),
            },
            Metrics = metrics,
            Notes = notes,
        };
    }

    /// <summary>The job's occurrences in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    private static IEnumerable<ExpectedRun> Occurrences(JobRegistration job, DateTimeOffset from, DateTimeOffset to) =>
        IntervalOccurrences.Between(
            job.Spec.Schedule.Anchor!.Value.ToUnixTimeMilliseconds(),
            (long)Interval.TotalMilliseconds,
            from.ToUnixTimeMilliseconds(),
            to.ToUnixTimeMilliseconds()).Select(t => new ExpectedRun(job.Id, t));

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
