namespace OrleansScheduler.Json;

/// <summary>
/// Queue depths as <c>osched queues --json</c> and the HTTP API print them. The field names are a stable contract;
/// the keys of <see cref="Queued"/> and <see cref="Processing"/> are queue names and silo addresses as they are, in
/// ordinal order.
/// </summary>
public sealed record QueueDepthsView
{
    /// <summary>Runs waiting, per queue.</summary>
    public required IReadOnlyDictionary<string, long> Queued { get; init; }

    /// <summary>Runs fetched into a silo's processing list and not yet settled, per silo.</summary>
    public required IReadOnlyDictionary<string, long> Processing { get; init; }

    /// <summary>Failed runs waiting for their next attempt.</summary>
    public long Retrying { get; init; }

    /// <summary>Dead-lettered runs, waiting for an operator to requeue them.</summary>
    public long DeadLettered { get; init; }

    /// <summary>Live silos taking runs from each queue of <see cref="Queued"/>; 0 for a queue whose runs nobody takes.</summary>
    public IReadOnlyDictionary<string, int> Consumers { get; init; } = new SortedDictionary<string, int>(StringComparer.Ordinal);

    /// <summary>Builds the view of queue depths.</summary>
    public static QueueDepthsView From(QueueDepths depths)
    {
        ArgumentNullException.ThrowIfNull(depths);
        return new QueueDepthsView
        {
            Queued = Sorted(depths.Queued),
            Processing = Sorted(depths.Processing),
            Retrying = depths.Retrying,
            DeadLettered = depths.DeadLettered,
            Consumers = new SortedDictionary<string, int>(depths.Queued.Keys.ToDictionary(q => q, q => depths.Consumers.GetValueOrDefault(q), StringComparer.Ordinal), StringComparer.Ordinal),
        };
    }

    private static SortedDictionary<string, long> Sorted(IReadOnlyDictionary<string, long> counts)
    {
        var sorted = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, count) in counts)
        {
            sorted[name] = count;
        }

        return sorted;
    }
}
