using System.Text.Json;

namespace OrleansScheduler.Handlers;

/// <summary>What a handler knows about the run it executes.</summary>
public sealed class JobRunContext
{
    /// <summary>Creates a context.</summary>
    public JobRunContext(string runId, string jobId, DateTimeOffset occurrence, int attempt, string? payload)
    {
        RunId = runId;
        JobId = jobId;
        Occurrence = occurrence;
        Attempt = attempt;
        PayloadJson = payload;
    }

    /// <summary>The run id: stable across retries and re-deliveries, so use it as the idempotency key.</summary>
    public string RunId { get; }

    /// <summary>The job id.</summary>
    public string JobId { get; }

    /// <summary>The nominal (due) time of the occurrence, in UTC.</summary>
    public DateTimeOffset Occurrence { get; }

    /// <summary>The attempt number, from 1.</summary>
    public int Attempt { get; }

    /// <summary>The job's payload as JSON text, or null when it has none.</summary>
    public string? PayloadJson { get; }

    /// <summary>Deserializes the payload; returns default when there is none.</summary>
    public T? GetPayload<T>(JsonSerializerOptions? options = null) =>
        PayloadJson is null ? default : JsonSerializer.Deserialize<T>(PayloadJson, options ?? JsonSerializerOptions.Web);
}
