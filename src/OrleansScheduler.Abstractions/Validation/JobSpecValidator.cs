using System.Text;
using System.Text.Json;
using OrleansScheduler.Scheduling;

namespace OrleansScheduler.Validation;

/// <summary>
/// Checks a job id and spec against every rule that needs no cluster (handler existence is checked by the silo),
/// reporting all broken rules at once.
/// </summary>
public static class JobSpecValidator
{
    /// <summary>The longest queue or handler name accepted.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The most attempts a run may have.</summary>
    public const int MaxAttemptsLimit = 100;

    /// <summary>The longest run timeout accepted.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);

    /// <summary>Returns one message per broken rule; empty when the id and spec are valid.</summary>
    public static IReadOnlyList<string> Validate(string? jobId, JobSpec? spec)
    {
        var errors = new List<string>();
        JobIds.Validate(jobId, errors);
        if (spec is null)
        {
            errors.Add("spec: is required");
            return errors;
        }

        CompiledSchedule.TryCompile(spec.Schedule, errors);
        JobIds.ValidateName("handler", spec.Handler, MaxNameLength, errors);
        JobIds.ValidateName("queue", spec.Queue, MaxNameLength, errors);
        ValidatePayload(spec.Payload, errors);
        if (spec.MaxAttempts is < 1 or > MaxAttemptsLimit)
        {
            errors.Add($"maxAttempts: {spec.MaxAttempts} is outside 1-{MaxAttemptsLimit}");
        }

        if (!Enum.IsDefined(spec.Misfire))
        {
            errors.Add($"misfire: {(int)spec.Misfire} is not one of FireOnce, FireAll, Skip");
        }

        if (!Enum.IsDefined(spec.Overlap))
        {
            errors.Add($"overlap: {(int)spec.Overlap} is not one of Allow, Skip");
        }

        if (spec.Timeout is { } timeout && (timeout < TimeSpan.FromMilliseconds(1) || timeout > MaxTimeout))
        {
            errors.Add($"timeout: \"{Duration.Format(timeout)}\" is outside 1ms-1d");
        }

        return errors;
    }

    /// <summary>Throws <see cref="JobValidationException"/> when any rule is broken.</summary>
    public static void ThrowIfInvalid(string? jobId, JobSpec? spec)
    {
        var errors = Validate(jobId, spec);
        if (errors.Count > 0)
        {
            throw new JobValidationException(errors);
        }
    }

    private static void ValidatePayload(string? payload, ICollection<string> errors)
    {
        if (payload is null)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetByteCount(payload);
        if (bytes > JobSpec.MaxPayloadBytes)
        {
            errors.Add($"payload: is {bytes} bytes; the limit is {JobSpec.MaxPayloadBytes} bytes (64 KiB)");
            return;
        }

        try
        {
            using var _ = JsonDocument.Parse(payload);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            // ArgumentException: text that is not valid UTF-16 (a lone surrogate) cannot be JSON either.
            errors.Add($"payload: is not valid JSON: {ex.Message}");
        }
    }
}
