namespace OrleansScheduler.FaultTests.Support;

/// <summary>The run id of a scheduled occurrence, <c>{jobId}@{nominal UTC time}</c> (the scheduler's contract).</summary>
public static class RunId
{
    /// <summary>The run id of <paramref name="jobId"/>'s occurrence at <paramref name="occurrence"/>.</summary>
    public static string Of(string jobId, DateTimeOffset occurrence) => jobId + "@" + Instant.Print(occurrence);

    /// <summary>The job id a run id names (everything before its first <c>@</c>).</summary>
    public static string JobOf(string runId)
    {
        var at = runId.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? runId : runId[..at];
    }

    /// <summary>The nominal time a scheduled run id names; null for other run ids (e.g. triggered ones).</summary>
    public static DateTimeOffset? OccurrenceOf(string runId)
    {
        // Job ids are [A-Za-z0-9._:-]: the first '@' separates the job id from the occurrence.
        var at = runId.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? null : Instant.TryParse(runId[(at + 1)..]);
    }
}
