using System.Globalization;
using OrleansScheduler.Benchmarks.Infrastructure;
using OrleansScheduler.Benchmarks.Reporting;

namespace OrleansScheduler.Benchmarks.Workloads;

/// <summary>
/// Kills both silos at once (SIGKILL) and starts them again, then measures how long until the cluster is healthy,
/// until it runs its first job (a 1-second heartbeat, overdue since the kill), and how late it runs a job that falls
/// due after it is back (a one-shot scheduled before the kill).
/// </summary>
/// <param name="cluster">The cluster to restart.</param>
/// <param name="quick">Wait less for the probes (the quick run should take about a minute).</param>
internal sealed class ClusterRestart(BenchmarkCluster cluster, bool quick)
{
    private const string HeartbeatId = "scale-probe-heartbeat";
    private const string NextDueId = "scale-probe-next";

    // The one-shot falls due this long after the kill, a multiple of the cluster's first start: unless the restart is
    // much slower than the start, it is due after the cluster is back, which is what "fires its next job on time" asks.
    // A restart is slower than a first start (measured 2-3 times here: each new silo first checks connectivity with
    // the dead entries of the old cluster). The quick run allows less, to stay near a minute.
    private double AllowanceFactor => quick ? 2 : 3;

    private TimeSpan AllowanceMargin => quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(5);
    private static readonly TimeSpan HeartbeatStartTimeout = TimeSpan.FromSeconds(15);

    private DateTimeOffset _nextDue;

    /// <summary>How long after being due (or after the cluster is ready, if later) the probes may take to run.</summary>
    private TimeSpan ProbeWait => quick ? TimeSpan.FromSeconds(20) : TimeSpan.FromSeconds(90);

    /// <summary>Schedules the probes and waits until the heartbeat runs, so the kill interrupts a live job.</summary>
    public async Task ScheduleProbesAsync(SchedulerClient client, CancellationToken cancellationToken)
    {
        var scheduled = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await client.Job(HeartbeatId).Schedule(Schedules.Noop(JobSchedule.Every(TimeSpan.FromSeconds(1)))).ConfigureAwait(false);
        await ProbeRuns.WaitForRunAsync(cluster.Database, cluster.Keys, HeartbeatId, scheduled, DateTimeOffset.UtcNow + HeartbeatStartTimeout, cancellationToken).ConfigureAwait(false);
        _nextDue = Schedules.WholeMilliseconds(DateTimeOffset.UtcNow + (cluster.StartupTime * AllowanceFactor) + AllowanceMargin);
        await client.Job(NextDueId).Schedule(Schedules.Noop(JobSchedule.Once(_nextDue))).ConfigureAwait(false);
    }

    /// <summary>Kills and restarts the silos and measures the probes.</summary>
    public async Task<RestartOutcome> RunAsync(CancellationToken cancellationToken)
    {
        await cluster.KillSilosAsync().ConfigureAwait(false);
        var restartAt = DateTimeOffset.UtcNow;
        var ready = await cluster.StartSilosAsync(cancellationToken).ConfigureAwait(false);
        var readyAt = restartAt + ready;
        var deadline = (_nextDue > readyAt ? _nextDue : readyAt) + ProbeWait;
        var restartMs = restartAt.ToUnixTimeMilliseconds();
        var firstFire = ProbeRuns.WaitForRunAsync(cluster.Database, cluster.Keys, HeartbeatId, restartMs, deadline, cancellationToken);
        var nextDue = ProbeRuns.WaitForRunAsync(cluster.Database, cluster.Keys, NextDueId, 0, deadline, cancellationToken);
        var heartbeat = await firstFire.ConfigureAwait(false);
        var next = await nextDue.ConfigureAwait(false);

        var notes = new List<string>
        {
            _nextDue >= readyAt
                ? Text($"the one-shot fell due {(_nextDue - readyAt).TotalSeconds:0.0} s after the restarted cluster was healthy")
                : Text($"the one-shot fell due {(readyAt - _nextDue).TotalSeconds:0.0} s before the restarted cluster was healthy: its lag includes the restart"),
        };
        var waited = Text($"no run within {(deadline - restartAt).TotalSeconds:0} s of the restart");
        return new RestartOutcome
        {
            Metrics =
            [
                new() { Key = "restartReady", Label = "restart: both silos healthy, after start", Value = ready.TotalMilliseconds, Unit = "ms" },
                new() { Key = "restartFirstFire", Label = "restart: first run (overdue heartbeat), after start", Value = heartbeat?.StartedAt - restartMs, Unit = "ms", Note = heartbeat is null ? waited : null },
                new() { Key = "restartNextDueLag", Label = "restart: job due after restart: lag", Value = next?.StartedAt - _nextDue.ToUnixTimeMilliseconds(), Unit = "ms", Target = Target.AtMost(1000), Note = next is null ? waited : null },
            ],
            Notes = notes,
            Summary = Text($"healthy after {ready.TotalSeconds:0.0} s; heartbeat ran {Seconds(heartbeat?.StartedAt - restartMs)} after the start; the one-shot ran {Seconds(next?.StartedAt - _nextDue.ToUnixTimeMilliseconds())} after it was due"),
        };
    }

    private static string Seconds(long? ms) => ms is { } value ? Text($"{value / 1000.0:0.000} s") : "not at all (yet)";

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
