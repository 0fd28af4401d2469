namespace OrleansScheduler.Testing.Fuzzing;

/// <summary>What a <see cref="FuzzRun"/> does: its seed, and how many cases (or how long) per target.</summary>
public sealed record FuzzRunOptions
{
    /// <summary>The API key the run's silos require (<c>--api-key</c>): requests without it are part of the fuzzing.</summary>
    public const string ApiKey = "fuzz-api-key";

    /// <summary>The seed of every generated input.</summary>
    public required int Seed { get; init; }

    /// <summary>In-process cases (reader and validator).</summary>
    public int DefinitionCases { get; init; } = 3000;

    /// <summary>HTTP requests; with <see cref="Duration"/>, the most.</summary>
    public int HttpCases { get; init; } = 300;

    /// <summary>Apply files; with <see cref="Duration"/>, the most.</summary>
    public int ApplyCases { get; init; } = 30;

    /// <summary>When set, each target runs for its share of it (in-process a tenth, HTTP three fifths, apply the rest) instead of to its count.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The long mode of the benchmark harness: every target for its share of <paramref name="duration"/>.</summary>
    public static FuzzRunOptions ForBenchmark(int seed, TimeSpan duration) => new()
    {
        Seed = seed,
        Duration = duration,
        DefinitionCases = int.MaxValue,
        HttpCases = int.MaxValue,
        ApplyCases = int.MaxValue,
    };
}
