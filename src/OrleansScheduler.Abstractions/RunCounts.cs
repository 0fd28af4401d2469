namespace OrleansScheduler;

/// <summary>How many attempts of a job's runs ended in each status.</summary>
[GenerateSerializer, Immutable, Alias("osched.RunCounts")]
public sealed record RunCounts
{
    /// <summary>An all-zero count.</summary>
    public static RunCounts Empty { get; } = new();

    /// <summary>Attempts that succeeded.</summary>
    [Id(0)] public long Succeeded { get; init; }

    /// <summary>Attempts that failed.</summary>
    [Id(1)] public long Failed { get; init; }

    /// <summary>Occurrences skipped by a policy.</summary>
    [Id(2)] public long Skipped { get; init; }

    /// <summary>Runs moved to the dead-letter list.</summary>
    [Id(3)] public long DeadLettered { get; init; }
}
