namespace OrleansScheduler;

/// <summary>Everything that defines a job: when it fires, which handler runs it, and with what data.</summary>
/// <remarks>The job's id is the key of its <see cref="IJobGrain"/>, not part of the spec.</remarks>
[GenerateSerializer, Immutable, Alias("osched.JobSpec")]
public sealed record JobSpec
{
    /// <summary>The queue runs go to when none is named.</summary>
    public const string DefaultQueue = "default";

    /// <summary>The default number of attempts per run.</summary>
    public const int DefaultMaxAttempts = 3;

    /// <summary>The largest payload accepted, in UTF-8 bytes (64 KiB).</summary>
    public const int MaxPayloadBytes = 64 * 1024;

    /// <summary>When the job fires.</summary>
    [Id(0)] public required JobSchedule Schedule { get; init; }

    /// <summary>The name of the registered <see cref="Handlers.IJobHandler"/> that executes each run.</summary>
    [Id(1)] public required string Handler { get; init; }

    /// <summary>JSON data handed to the handler. Never executed. At most <see cref="MaxPayloadBytes"/> bytes.</summary>
    [Id(2)] public string? Payload { get; init; }

    /// <summary>The queue runs are pushed onto. Default <see cref="DefaultQueue"/>.</summary>
    [Id(3)] public string Queue { get; init; } = DefaultQueue;

    /// <summary>Attempts per run before it is dead-lettered (1–100). Default <see cref="DefaultMaxAttempts"/>.</summary>
    [Id(4)] public int MaxAttempts { get; init; } = DefaultMaxAttempts;

    /// <summary>What to do with occurrences missed during downtime. Default <see cref="MisfirePolicy.FireOnce"/>.</summary>
    [Id(5)] public MisfirePolicy Misfire { get; init; } = MisfirePolicy.FireOnce;

    /// <summary>What to do when a run is still going at the next occurrence. Default <see cref="OverlapPolicy.Allow"/>.</summary>
    [Id(6)] public OverlapPolicy Overlap { get; init; } = OverlapPolicy.Allow;

    /// <summary>How long one attempt may run before it is cancelled; null uses the scheduler's default.</summary>
    [Id(7)] public TimeSpan? Timeout { get; init; }
}
