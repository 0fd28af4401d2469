namespace OrleansScheduler.Testing.Faults;

/// <summary>One entry of a job's history as the scheduler stores it (the parts the audit reads).</summary>
internal sealed record HistoryRecord(string RunId, DateTimeOffset Occurrence, int Attempt, string Status);

/// <summary>Everything a <see cref="FaultRun"/> saw, for <see cref="FaultRunAudit"/>: the workload, the faults, the executions the receiver recorded, the histories in Redis and what was left in the queues.</summary>
internal sealed record FaultRunObservations(
    FaultWorkload Workload,
    IReadOnlyList<FaultEvent> Faults,
    IReadOnlyList<RunArrival> Arrivals,
    IReadOnlyDictionary<string, IReadOnlyList<HistoryRecord>> Histories,
    IReadOnlyList<string> LeftInRedis,
    DateTimeOffset AppliedAt,
    DateTimeOffset HealedAt,
    DateTimeOffset PausedAt);
