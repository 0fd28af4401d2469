namespace OrleansScheduler.FaultTests.Support;

/// <summary>Run ids as the scenarios read them (<see cref="RunIds"/>, the scheduler's contract).</summary>
public static class RunId
{
    /// <summary>The run id of <paramref name="jobId"/>'s occurrence at <paramref name="occurrence"/>.</summary>
    public static string Of(string jobId, DateTimeOffset occurrence) => RunIds.Scheduled(jobId, occurrence);

    /// <summary>The job id a run id names (everything before its first <c>@</c>).</summary>
    public static string JobOf(string runId) => RunIds.JobId(runId);

    /// <summary>The nominal time a scheduled run id names; null for other run ids (e.g. triggered ones).</summary>
    public static DateTimeOffset? OccurrenceOf(string runId) => RunIds.TryGetOccurrence(runId, out var occurrence) ? occurrence : null;
}
