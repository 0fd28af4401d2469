using System.Collections.Concurrent;

namespace OrleansScheduler.IntegrationTests.Support;

/// <summary>Every execution the test handlers saw, independent of the scheduler's own history: counts re-executions.</summary>
public sealed class RunRecorder
{
    private readonly ConcurrentQueue<RecordedRun> _runs = new();

    public void Add(RecordedRun run) => _runs.Enqueue(run);

    public IReadOnlyList<RecordedRun> ForJob(string jobId) => [.. _runs.Where(r => r.JobId == jobId)];
}

public sealed record RecordedRun(string RunId, string JobId, DateTimeOffset Occurrence, string Silo, DateTimeOffset StartedAt);
