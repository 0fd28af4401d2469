using System.CommandLine;
using System.Globalization;

namespace OrleansScheduler.Benchmarks;

/// <summary>The harness's command line (System.CommandLine, as <c>osched</c>).</summary>
public static class BenchmarkApp
{
    /// <summary>Exit code: every workload ran and found no missing or duplicated run.</summary>
    public const int Success = 0;

    /// <summary>Exit code: a workload found missing or duplicated runs.</summary>
    public const int ChecksFailed = 1;

    /// <summary>Exit code: the command line was invalid, or the harness was not built in Release.</summary>
    public const int InvalidInput = 2;

    /// <summary>Exit code: a workload crashed (the others still ran and were reported).</summary>
    public const int Crashed = 3;

    /// <summary>Parses the command line and runs the benchmark.</summary>
    /// <param name="args">The arguments, e.g. <c>["--quick"]</c>.</param>
    /// <param name="stdout">Receives the Markdown report.</param>
    /// <param name="stderr">Receives progress and errors.</param>
    /// <returns>One of the exit codes above.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        var quick = new Option<bool>("--quick") { Description = "A small version of every workload, about a minute: what CI runs so the harness cannot rot." };
        var workload = new Option<string>("--workload")
        {
            Description = "Which workload to run.",
            DefaultValueFactory = _ => "all",
        };
        workload.AcceptOnlyFromAmong([.. BenchmarkSettings.WorkloadNames, "all"]);
        var jobs = new Option<int?>("--jobs") { Description = "The number of jobs of the selected workload (needs a single --workload).", HelpName = "n" };
        var duration = new Option<string?>("--duration") { Description = "The steady workload's measured window, how long the faults workload injects faults, or how long the fuzz workload runs, e.g. 60s or 20m.", HelpName = "duration" };
        var seed = new Option<int?>("--seed") { Description = "The faults or fuzz workload's seed (printed by every run): the same seed injects the same faults or generates the same inputs.", HelpName = "n" };
        var output = new Option<string?>("--output") { Description = "The JSON file to write. Default: artifacts/benchmarks/results-<timestamp>.json under the repository.", HelpName = "path" };
        var runs = new Option<int>("--runs") { Description = "Run each workload n times and report the median (checks: the worst run).", HelpName = "n", DefaultValueFactory = _ => 1 };
        var noRedisBound = new Option<bool>("--no-redis-bound") { Description = "Skip measuring the Redis bound (redis-benchmark LPUSH/LPOP) first." };
        var concurrency = new Option<int>("--concurrency") { Description = "Schedule calls in flight at once while registering.", HelpName = "n", DefaultValueFactory = _ => Infrastructure.JobRegistrar.DefaultConcurrency };
        var keepLogs = new Option<bool>("--keep-logs") { Description = "Keep every silo's log in logs-<timestamp>/ beside the JSON (kept anyway when a workload fails)." };
        var root = new RootCommand("OrleansScheduler benchmark harness: starts its own redis-server and two Release silo processes, runs the workloads through the Orleans client, prints a Markdown table and writes JSON.")
        {
            quick, workload, jobs, duration, seed, output, runs, noRedisBound, concurrency, keepLogs,
        };
        root.SetAction(async (result, cancellationToken) =>
        {
            var errors = new List<string>();
            var selected = result.GetValue(workload) ?? "all";
            var jobCount = result.GetValue(jobs);
            if (jobCount is < 1 or > 1_000_000)
            {
                errors.Add($"jobs: {jobCount} is outside 1-1000000");
            }

            if (jobCount is not null && selected == "all")
            {
                errors.Add("jobs: each workload has its own size; name one with --workload");
            }

            TimeSpan? window = null;
            if (result.GetValue(duration) is { } text)
            {
                if (!Duration.TryParse(text, out var parsed) || parsed < TimeSpan.FromSeconds(1) || parsed > TimeSpan.FromHours(4))
                {
                    errors.Add($"duration: \"{text}\" is not a duration between 1s and 4h (e.g. 60s, 5m)");
                }

                window = parsed;
            }

            Range(errors, "runs", result.GetValue(runs), 1, 100);
            Range(errors, "concurrency", result.GetValue(concurrency), 1, 10_000);
            if (errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    await stderr.WriteLineAsync("osched-bench: " + error).ConfigureAwait(false);
                }

                return InvalidInput;
            }

            var settings = new BenchmarkSettings
            {
                Quick = result.GetValue(quick),
                Workloads = selected == "all" ? BenchmarkSettings.AllWorkloads : [selected],
                Jobs = jobCount,
                Duration = window,
                Seed = result.GetValue(seed),
                Runs = result.GetValue(runs),
                RedisBound = !result.GetValue(noRedisBound),
                Concurrency = result.GetValue(concurrency),
                Output = result.GetValue(output),
                KeepLogs = result.GetValue(keepLogs),
            };
            return await new BenchmarkRunner(settings, args, stdout, stderr).RunAsync(cancellationToken).ConfigureAwait(false);
        });

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync("osched-bench: " + error.Message).ConfigureAwait(false);
            }

            return InvalidInput;
        }

        // Ctrl-C cancels the run; the clusters are then torn down (silos killed by pid, Redis stopped), which needs a moment.
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
        return await parsed.InvokeAsync(invocation).ConfigureAwait(false);
    }

    private static void Range(List<string> errors, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: {value} is outside {min}-{max}"));
        }
    }
}
