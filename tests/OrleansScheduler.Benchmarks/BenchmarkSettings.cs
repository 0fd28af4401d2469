using OrleansScheduler.Benchmarks.Infrastructure;
using OrleansScheduler.Benchmarks.Workloads;

namespace OrleansScheduler.Benchmarks;

/// <summary>What to run, as the command line asked.</summary>
internal sealed record BenchmarkSettings
{
    /// <summary>The workloads <c>all</c> runs.</summary>
    public static readonly IReadOnlyList<string> AllWorkloads = ["burst", "steady", "scale"];

    /// <summary>The workload names <c>--workload</c> accepts besides <c>all</c>: those of <see cref="AllWorkloads"/>, the long fault run and the long fuzz run.</summary>
    public static readonly IReadOnlyList<string> WorkloadNames = [.. AllWorkloads, "faults", "fuzz"];

    /// <summary>The small version, for CI: the same workloads, smaller and shorter.</summary>
    public bool Quick { get; init; }

    /// <summary>The workloads to run, in order (a subset of <see cref="WorkloadNames"/>).</summary>
    public required IReadOnlyList<string> Workloads { get; init; }

    /// <summary>The number of jobs of the one workload selected; null for each workload's default.</summary>
    public int? Jobs { get; init; }

    /// <summary>The steady workload's measured window, the fault run's fault window, or the fuzz run's length; null for its default.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The fault run's or fuzz run's seed; null for a fresh one.</summary>
    public int? Seed { get; init; }

    /// <summary>How many times each workload runs; the report shows medians.</summary>
    public int Runs { get; init; } = 1;

    /// <summary>Whether to measure the Redis bound (redis-benchmark) first.</summary>
    public bool RedisBound { get; init; } = true;

    /// <summary>Schedule calls in flight at once while registering.</summary>
    public int Concurrency { get; init; } = JobRegistrar.DefaultConcurrency;

    /// <summary>Whether to keep every silo's log beside the JSON (they are kept anyway when a workload fails).</summary>
    public bool KeepLogs { get; init; }

    /// <summary>The JSON file to write; null for <c>artifacts/benchmarks/results-{timestamp}.json</c> under the repository.</summary>
    public string? Output { get; init; }

    /// <summary>The workloads to run, sized for <see cref="Quick"/> or the full run, with the overrides applied.</summary>
    public IReadOnlyList<IWorkload> CreateWorkloads()
    {
        var workloads = new List<IWorkload>();
        if (RedisBound)
        {
            workloads.Add(new RedisBoundWorkload(Quick ? RedisBoundWorkload.QuickRequests : RedisBoundWorkload.DefaultRequests));
        }

        foreach (var name in Workloads)
        {
            workloads.Add(name switch
            {
                "burst" => new BurstWorkload(Jobs ?? (Quick ? BurstWorkload.QuickJobs : BurstWorkload.DefaultJobs), Quick ? BurstWorkload.QuickWarmupRounds : BurstWorkload.DefaultWarmupRounds, Quick ? BurstWorkload.QuickWarmupPause : BurstWorkload.DefaultWarmupPause),
                "steady" => new SteadyWorkload(
                    Jobs ?? (Quick ? SteadyWorkload.QuickJobs : SteadyWorkload.DefaultJobs),
                    Duration ?? (Quick ? SteadyWorkload.QuickDuration : SteadyWorkload.DefaultDuration),
                    Quick ? SteadyWorkload.QuickWarmup : SteadyWorkload.DefaultWarmup),
                "scale" => new ScaleWorkload(Jobs ?? (Quick ? ScaleWorkload.QuickJobs : ScaleWorkload.DefaultJobs), Quick),
                "faults" => new FaultsWorkload(Seed ?? Random.Shared.Next(), Duration ?? (Quick ? TimeSpan.FromSeconds(90) : FaultsWorkload.DefaultWindow)),
                "fuzz" => new FuzzWorkload(Seed ?? Random.Shared.Next(), Duration ?? (Quick ? TimeSpan.FromSeconds(60) : FuzzWorkload.DefaultDuration)),
                _ => throw new ArgumentException($"unknown workload \"{name}\"", nameof(Workloads)),
            });
        }

        return workloads;
    }
}
