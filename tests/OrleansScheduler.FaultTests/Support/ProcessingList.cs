namespace OrleansScheduler.FaultTests.Support;

/// <summary>A snapshot of one silo's processing list(s) (<see cref="Redis.SchedulerKeys.Processing"/>): the runs it had taken and not acknowledged.</summary>
/// <param name="Keys">The keys found (one per generation of the silo that still has a list).</param>
/// <param name="RunIds">The run ids in them, in list order.</param>
public sealed record ProcessingList(IReadOnlyList<string> Keys, IReadOnlyList<string> RunIds)
{
    /// <summary>Whether no list holds a run.</summary>
    public bool IsEmpty => RunIds.Count == 0;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{RunIds.Count} run(s) in [{string.Join(", ", Keys)}]{(RunIds.Count == 0 ? "" : ": " + string.Join(", ", RunIds.Take(10)) + (RunIds.Count > 10 ? ", …" : ""))}";
}
