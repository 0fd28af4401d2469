using System.Text.Json;
using Microsoft.Extensions.Logging;
using OrleansScheduler.Json;

namespace OrleansScheduler.Handlers;

/// <summary>
/// The built-in <c>log</c> handler: writes the payload's <c>message</c> through <see cref="ILogger"/> at the
/// payload's <c>level</c> (default Information). Payload: <c>{"message":"tick","level":"Warning"}</c>, both optional.
/// </summary>
public sealed partial class LogJobHandler(ILogger<LogJobHandler> logger) : IJobHandler, IJobPayloadValidator
{
    /// <summary>The name jobs use for this handler.</summary>
    public const string Name = "log";

    /// <inheritdoc/>
    public Task ExecuteAsync(JobRunContext context, CancellationToken cancellationToken)
    {
        var payload = Read(context.PayloadJson);
        var level = payload.Level is null ? LogLevel.Information : Enum.Parse<LogLevel>(payload.Level, ignoreCase: true);
        LogRun(logger, level, context.JobId, context.RunId, context.Attempt, payload.Message ?? "(no message)");
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public IEnumerable<string> ValidatePayload(string? payload)
    {
        LogPayload parsed;
        try
        {
            parsed = Read(payload);
        }
        catch (JsonException ex)
        {
            return [$"{JsonReadErrors.Describe(ex, "payload", "payload.")}; the log handler takes {{\"message\": string, \"level\": string}}"];
        }

        return parsed.Level is not null && (!Enum.TryParse<LogLevel>(parsed.Level, ignoreCase: true, out var level) || !Enum.IsDefined(level) || int.TryParse(parsed.Level, out _))
            ? [$"payload.level: \"{parsed.Level}\" is not one of Trace, Debug, Information, Warning, Error, Critical"]
            : [];
    }

    private static LogPayload Read(string? payload) =>
        payload is null ? new LogPayload() : JsonSerializer.Deserialize(payload, HandlerJsonContext.Default.LogPayload) ?? new LogPayload();

    [LoggerMessage(EventId = 100, Message = "Job {JobId} run {RunId} (attempt {Attempt}): {Message}")]
    private static partial void LogRun(ILogger logger, LogLevel level, string jobId, string runId, int attempt, string message);
}
