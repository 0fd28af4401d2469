namespace OrleansScheduler;

/// <summary>How many runs wait where: per queue (with its consumers), per silo in processing, in the retry set and dead-lettered.</summary>
[GenerateSerializer, Immutable, Alias("osched.QueueDepths")]
public sealed record QueueDepths
{
    /// <summary>Runs waiting in each queue.</summary>
    [Id(0)] public required IReadOnlyDictionary<string, long> Queued { get; init; }

    /// <summary>Runs fetched into a silo's processing list and not yet settled, per silo.</summary>
    [Id(1)] public required IReadOnlyDictionary<string, long> Processing { get; init; }

    /// <summary>Failed runs waiting for their next attempt.</summary>
    [Id(2)] public long Retrying { get; init; }

    /// <summary>Dead-lettered runs.</summary>
    [Id(3)] public long DeadLettered { get; init; }

    /// <summary>
    /// How many live silos take runs from each queue; a queue in <see cref="Queued"/> that is missing here (or 0) has
    /// no consumer, and its runs wait until a silo serving it starts.
    /// </summary>
    [Id(4)] public IReadOnlyDictionary<string, int> Consumers { get; init; } = new Dictionary<string, int>();
}
