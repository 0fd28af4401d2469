using System.Diagnostics;
using System.Globalization;
using OrleansScheduler.Benchmarks.Infrastructure;
using OrleansScheduler.Benchmarks.Measurement;
using OrleansScheduler.Benchmarks.Reporting;

namespace OrleansScheduler.Benchmarks.Workloads;

/// <summary>
/// <c>scale</c>: many idle jobs (a daily cron) registered through the client. Measures the registration rate,
/// Redis memory per job (<c>INFO memory</c> before and after), the silos' RSS, whether a job due in the middle of the
/// registration fires on time, and then what a restart of the whole cluster costs (<see cref="ClusterRestart"/>).
/// </summary>
/// <param name="jobs">How many jobs.</param>
/// <param name="quick">Whether this is the quick run, which waits less for the restarted cluster's probes.</param>
internal sealed class ScaleWorkload(int jobs, bool quick) : IWorkload
{
    /// <summary>Jobs by default.</summary>
    public const int DefaultJobs = 100_000;

    /// <summary>Jobs with <c>--quick</c>.</summary>
    public const int QuickJobs = 2_000;

    private const string MidProbeId = "scale-probe-mid";

    // Memory and RSS are read once the registration's writes (reminders, due index) have landed.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ProbeDeadline = TimeSpan.FromSeconds(30);

    // Time enough for the Schedule call to return before the probe is due, so it fires from its timer as any job does.
    private static readonly TimeSpan MinimumProbeLead = TimeSpan.FromMilliseconds(200);

    /// <inheritdoc/>
    public string Name => "scale";

    /// <inheritdoc/>
    public Task<WorkloadResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken) =>
        context.WithClusterAsync(Name, [], cluster => RunAsync(context, cluster, cancellationToken), cancellationToken);

    private async Task<WorkloadResult> RunAsync(WorkloadContext context, BenchmarkCluster cluster, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var metrics = new List<Metric>();
        var before = await RedisStats.ReadAsync(cluster.RedisConnection).ConfigureAwait(false);
        var restart = new ClusterRestart(cluster, quick);
        DateTimeOffset probeDue;
        DateTimeOffset registered;
        await using (var client = await cluster.ConnectClientAsync(cancellationToken).ConfigureAwait(false))
        {
            var idle = Schedules.IdleDaily(DateTimeOffset.UtcNow);
            var registrations = Enumerable.Range(0, jobs)
                .Select(i => new JobRegistration("scale-" + i.ToString("D7", CultureInfo.InvariantCulture), Schedules.Noop(idle)))
                .ToList();
            context.Log(Name, Text($"registering {jobs:N0} jobs (daily cron \"{idle.Cron}\")"));

            // The first tenth, in two halves: the first warms up, the second gives the rate from which the probe is
            // placed to fall due halfway through the rest.
            var elapsed = Stopwatch.StartNew();
            var warm = Math.Clamp(jobs / 20, 1, jobs);
            var head = Math.Clamp(jobs / 10, warm, jobs);
            await JobRegistrar.RegisterAsync(client, registrations[..warm], context.Concurrency, cancellationToken).ConfigureAwait(false);
            var sampleTime = await JobRegistrar.RegisterAsync(client, registrations[warm..head], context.Concurrency, cancellationToken).ConfigureAwait(false);
            var remaining = head == warm ? TimeSpan.Zero : TimeSpan.FromSeconds((jobs - head) / ((head - warm) / sampleTime.TotalSeconds));
            probeDue = Schedules.WholeMilliseconds(DateTimeOffset.UtcNow + Max(MinimumProbeLead, remaining / 2));
            await client.Job(MidProbeId).Schedule(Schedules.Noop(JobSchedule.Once(probeDue))).ConfigureAwait(false);
            await JobRegistrar.RegisterAsync(client, registrations[head..], context.Concurrency, cancellationToken).ConfigureAwait(false);
            var registration = elapsed.Elapsed;
            registered = DateTimeOffset.UtcNow;
            var rate = jobs / registration.TotalSeconds;
            context.Log(Name, Text($"registered in {registration.TotalSeconds:0.00} s ({rate:N0} jobs/s)"));
            metrics.Add(new() { Key = "registrationRate", Label = "registration rate", Value = rate, Unit = "jobs/s" });

            await Task.Delay(Settle, cancellationToken).ConfigureAwait(false);
            var after = await RedisStats.ReadAsync(cluster.RedisConnection).ConfigureAwait(false);
            var silos = cluster.Silos.Select(s => ProcessSample.Read(s.Pid)).ToList();
            var perJob = (after.UsedMemoryBytes - before.UsedMemoryBytes) / (double)jobs;
            notes.Add(Text($"Redis used_memory {before.UsedMemoryBytes / 1048576.0:N1} MiB before, {after.UsedMemoryBytes / 1048576.0:N1} MiB after ({(after.DatasetBytes - before.DatasetBytes) / (double)jobs / 1024:N2} KiB per job in used_memory_dataset)"));
            metrics.Add(new() { Key = "redisMemoryPerJob", Label = "Redis memory per idle job", Value = perJob / 1024, Unit = "KiB", Decimals = 2, Target = Target.AtMost(1.5) });
            metrics.Add(new() { Key = "siloRssMax", Label = Text($"silo RSS at {jobs:N0} jobs, larger silo"), Value = silos.Max(s => s?.RssBytes) / 1048576.0, Unit = "MiB", Target = Target.AtMost(1024) });
            metrics.Add(new() { Key = "siloRssTotal", Label = "silo RSS, both silos", Value = silos.Sum(s => s?.RssBytes) / 1048576.0, Unit = "MiB" });

            await restart.ScheduleProbesAsync(client, cancellationToken).ConfigureAwait(false);
        }

        var probe = await ProbeRuns.WaitForRunAsync(cluster.Database, cluster.Keys, MidProbeId, 0, probeDue + ProbeDeadline, cancellationToken).ConfigureAwait(false);
        notes.Add(probeDue < registered
            ? Text($"the mid-registration job fell due {(registered - probeDue).TotalSeconds:0.0} s before the registration ended")
            : "the registration ended before the mid-registration job fell due: it did not fire under registration load");
        metrics.Add(new() { Key = "midRegistrationLag", Label = "job due mid-registration: lag", Value = probe?.StartedAt - probeDue.ToUnixTimeMilliseconds(), Unit = "ms", Target = Target.AtMost(1000) });
        metrics.Add(Metric.Check("midRegistrationMissing", "job due mid-registration: missing runs", probe is null ? 1 : 0));

        context.Log(Name, "killing both silos (SIGKILL) and starting them again");
        var restarted = await restart.RunAsync(cancellationToken).ConfigureAwait(false);
        context.Log(Name, restarted.Summary);
        metrics.AddRange(restarted.Metrics);
        notes.AddRange(restarted.Notes);
        return new WorkloadResult
        {
            Workload = Name,
            Parameters = new Dictionary<string, string>
            {
                ["jobs"] = jobs.ToString(CultureInfo.InvariantCulture),
                ["schedule"] = "daily cron, idle during the run",
                ["registration concurrency"] = context.Concurrency.ToString(CultureInfo.InvariantCulture),
            },
            Metrics = metrics,
            Notes = notes,
        };
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
