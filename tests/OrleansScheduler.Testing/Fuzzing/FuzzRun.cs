using System.Diagnostics;
using System.Globalization;

namespace OrleansScheduler.Testing.Fuzzing;

/// <summary>
/// A whole fuzz run on a cluster of its own (a real redis-server and two silo processes with an API key): the
/// in-process target, then HTTP, then apply, each to its count or for its share of the duration. The benchmark
/// harness's <c>fuzz</c> workload runs it; the test suite runs the targets on its end-to-end fixture.
/// </summary>
public static class FuzzRun
{
    /// <summary>Runs the fuzz run described by <paramref name="options"/> and returns its report.</summary>
    /// <param name="options">The seed and the size.</param>
    /// <param name="log">Receives progress lines.</param>
    /// <param name="cancellationToken">Stops the run (the cluster is stopped either way).</param>
    public static async Task<FuzzReport> RunAsync(FuzzRunOptions options, Action<string> log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var report = new FuzzReport(options.Seed);
        log($"fuzz run with seed {options.Seed} (replay: {FuzzSeed.Variable}={options.Seed}, or --seed {options.Seed} in the benchmark harness)");
        var (definitionTime, httpTime, applyTime) = options.Duration is { } d ? (d / 10, d * 3 / 5, d * 3 / 10) : (TimeSpan.MaxValue, TimeSpan.MaxValue, TimeSpan.MaxValue);

        var clock = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < options.DefinitionCases && clock.Elapsed < definitionTime; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            DefinitionFuzzTarget.Run(report, i, now);
        }

        log(string.Create(CultureInfo.InvariantCulture, $"definition: {report.Cases.GetValueOrDefault(DefinitionFuzzTarget.Name)} cases in {clock.Elapsed.TotalSeconds:0.0} s"));
        await using var cluster = await SiloCluster.StartAsync("fuzz", TimeSpan.FromSeconds(30), ["--api-key", FuzzRunOptions.ApiKey]).ConfigureAwait(false);
        using var redis = await cluster.Redis.ConnectAsync().ConfigureAwait(false);
        var rules = new KeyspaceRules(cluster.ServiceId);
        using (var http = new HttpFuzzTarget(cluster.Silos[0].BaseAddress, redis, rules, FuzzRunOptions.ApiKey))
        {
            await http.SetUpAsync(cancellationToken).ConfigureAwait(false);
            clock.Restart();
            for (var i = 0; i < options.HttpCases && clock.Elapsed < httpTime; i++)
            {
                await http.RunAsync(report, i, cancellationToken).ConfigureAwait(false);
                if (i % 1000 == 999)
                {
                    log(string.Create(CultureInfo.InvariantCulture, $"http: {i + 1} cases in {clock.Elapsed.TotalSeconds:0} s"));
                }
            }

            await http.CheckHealthAsync(report, int.MaxValue, "the last case", cancellationToken).ConfigureAwait(false);
            log(string.Create(CultureInfo.InvariantCulture, $"http: {report.Cases.GetValueOrDefault(HttpFuzzTarget.Name)} cases in {clock.Elapsed.TotalSeconds:0.0} s"));
        }

        var osched = new Osched(cluster.Redis.ConnectionString, cluster.ServiceId, cluster.ClusterId);
        using (var apply = new ApplyFuzzTarget(osched, redis, rules, cluster.Silos[0].BaseAddress, FuzzRunOptions.ApiKey))
        {
            clock.Restart();
            for (var i = 0; i < options.ApplyCases && clock.Elapsed < applyTime; i++)
            {
                await apply.RunAsync(report, i, cancellationToken).ConfigureAwait(false);
            }

            log(string.Create(CultureInfo.InvariantCulture, $"apply: {report.Cases.GetValueOrDefault(ApplyFuzzTarget.Name)} files in {clock.Elapsed.TotalSeconds:0.0} s"));
        }

        if (!report.Passed)
        {
            log(cluster.LogTails(40));
        }

        return report;
    }
}
