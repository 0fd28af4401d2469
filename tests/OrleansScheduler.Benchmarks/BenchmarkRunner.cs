using System.Diagnostics;
using System.Globalization;
using OrleansScheduler.Benchmarks.Reporting;
using OrleansScheduler.Benchmarks.Workloads;
using OrleansScheduler.Testing;

namespace OrleansScheduler.Benchmarks;

/// <summary>Runs the selected workloads the requested number of times, then prints the table and writes the JSON.</summary>
internal sealed class BenchmarkRunner(BenchmarkSettings settings, IReadOnlyList<string> arguments, TextWriter stdout, TextWriter stderr)
{
    /// <summary>Runs everything; returns the exit code.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var environment = RunEnvironment.Capture();
        if (!string.Equals(environment.SiloBuild, "Release", StringComparison.Ordinal))
        {
            await stderr.WriteLineAsync($"osched-bench: the harness measures the Release silo, but this is a {environment.SiloBuild} build; run it with -c Release").ConfigureAwait(false);
            return BenchmarkApp.InvalidInput;
        }

        var stamp = environment.Date.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var output = Path.GetFullPath(settings.Output ?? Path.Combine(RepositoryPaths.Root, "artifacts", "benchmarks", $"results-{stamp}.json"));
        var context = new WorkloadContext(stderr, settings.Concurrency, Path.Combine(Path.GetDirectoryName(output)!, $"logs-{stamp}"), settings.KeepLogs);
        var elapsed = Stopwatch.StartNew();
        var results = new List<IReadOnlyList<WorkloadResult>>();
        var errors = new List<string>();
        foreach (var workload in settings.CreateWorkloads())
        {
            var runs = new List<WorkloadResult>();
            for (var run = 1; run <= settings.Runs; run++)
            {
                if (settings.Runs > 1)
                {
                    context.Log(workload.Name, string.Create(CultureInfo.InvariantCulture, $"run {run} of {settings.Runs}"));
                }

                try
                {
                    runs.Add(await workload.RunAsync(context, cancellationToken).ConfigureAwait(false));
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // The other workloads still run and are reported; the exit code says the harness failed.
                    context.Log(workload.Name, "FAILED: " + ex);
                    errors.Add($"{workload.Name} (run {run}) failed: {ex.GetType().Name}: {ex.Message}");
                }
            }

            if (runs.Count > 0)
            {
                results.Add(runs);
            }
        }

        var report = new BenchmarkReport
        {
            Environment = environment,
            Quick = settings.Quick,
            Runs = settings.Runs,
            Arguments = arguments,
            LoadAverageAtEnd = RunEnvironment.ReadLoadAverage(),
            Elapsed = elapsed.Elapsed,
            Workloads = [.. results.Select(AggregatedWorkload.Of)],
            RawRuns = results,
            Notes = [.. GeneralNotes(environment), .. errors],
        };
        await stdout.WriteLineAsync(MarkdownReport.Render(report)).ConfigureAwait(false);
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, JsonReport.Render(report), cancellationToken).ConfigureAwait(false);
        await stderr.WriteLineAsync($"osched-bench: results written to {output}").ConfigureAwait(false);
        return errors.Count > 0 ? BenchmarkApp.Crashed
            : report.ChecksPassed ? BenchmarkApp.Success
            : BenchmarkApp.ChecksFailed;
    }

    private static IEnumerable<string> GeneralNotes(RunEnvironment environment)
    {
        yield return "lags are a run's startedAt minus its nominal time, both as the scheduler stores them: in whole milliseconds (startedAt truncated), so a lag may read up to 1 ms low";
        yield return "Redis, both silos and the harness share this machine's cores: figures are for the whole system on one machine";
        if (environment.LoadAverageAtStart is { } load && load > environment.Cores / 2.0)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"the machine was busy when the run started (load average {load:0.00} on {environment.Cores} cores): other work competed for the CPU, so these figures are not comparable with a run on a quiet machine");
        }
    }
}
