namespace OrleansScheduler.Testing.Faults;

/// <summary>
/// What a <see cref="FaultRun"/> does: its seed (every random choice of faults, targets, durations and workload follows
/// from it, so a failing run can be replayed with the same faults), how long faults are injected, and the workload.
/// </summary>
public sealed record FaultRunOptions
{
    /// <summary>The seed of every random choice.</summary>
    public required int Seed { get; init; }

    /// <summary>How long faults are injected, after the warm-up.</summary>
    public required TimeSpan FaultWindow { get; init; }

    /// <summary>The shortest pause between the end of one fault and the start of the next.</summary>
    public TimeSpan MinGap { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The longest pause between the end of one fault and the start of the next.</summary>
    public TimeSpan MaxGap { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>How many silos (three: two survivors keep a majority to declare the third dead).</summary>
    public int Silos { get; init; } = 3;

    /// <summary>Interval jobs firing every second.</summary>
    public int IntervalJobs { get; init; } = 12;

    /// <summary>Cron jobs firing every second (six-field expressions) in time zones other than UTC.</summary>
    public int CronJobs { get; init; } = 4;

    /// <summary>One-shot jobs, due at random instants across the fault window.</summary>
    public int OneShots { get; init; } = 300;

    /// <summary>How long the workload runs before the first fault.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long after a fault ends the cluster is not yet counted as healthy (a silo declared dead, its jobs taken over,
    /// its runs handed back): occurrences due in that time may be late without breaking the run.
    /// </summary>
    public TimeSpan Recovery { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How late an occurrence due while the cluster was healthy may start.</summary>
    public TimeSpan HealthyLateness { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The short run of the test suite: about a minute and a half of faults.</summary>
    public static FaultRunOptions ForSuite(int seed) => new() { Seed = seed, FaultWindow = TimeSpan.FromSeconds(90) };

    /// <summary>The long run of the benchmark harness: faults every 12–25 s for <paramref name="faultWindow"/>, with a workload like the faults review's.</summary>
    public static FaultRunOptions ForBenchmark(int seed, TimeSpan faultWindow) => new()
    {
        Seed = seed,
        FaultWindow = faultWindow,
        MinGap = TimeSpan.FromSeconds(12),
        MaxGap = TimeSpan.FromSeconds(25),
        IntervalJobs = 20,
        OneShots = (int)Math.Min(20_000, faultWindow.TotalSeconds * 5),
    };
}
