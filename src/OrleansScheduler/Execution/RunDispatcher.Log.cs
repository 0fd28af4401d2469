using Microsoft.Extensions.Logging;

namespace OrleansScheduler.Execution;

internal sealed partial class RunDispatcher
{
    [LoggerMessage(400, LogLevel.Information, "Dispatcher on silo {Silo} started: queues {Queues}, up to {MaxConcurrentRuns} runs at once")]
    private static partial void LogStarted(ILogger logger, string silo, string queues, int maxConcurrentRuns);

    [LoggerMessage(401, LogLevel.Information, "Dispatcher on silo {Silo} stopped: {InFlight} run(s) unfinished after the grace period, {HandedBack} handed back to the queue")]
    private static partial void LogStopped(ILogger logger, string silo, int inFlight, long handedBack);

    [LoggerMessage(405, LogLevel.Warning, "Run {RunId} dead-lettered after {Attempts} attempt(s): {Error}")]
    private static partial void LogDeadLettered(ILogger logger, string runId, int attempts, string? error);

    [LoggerMessage(402, LogLevel.Warning, "Dispatcher cannot reach Redis; retrying with backoff")]
    private static partial void LogFetchFailed(ILogger logger, Exception exception);

    [LoggerMessage(403, LogLevel.Warning, "Acknowledging run {RunId} failed (attempt {Attempt}); retrying")]
    private static partial void LogAckFailed(ILogger logger, string runId, int attempt, Exception exception);

    [LoggerMessage(404, LogLevel.Error, "Dropped an unreadable queue entry (not executed): {Entry}")]
    private static partial void LogUnreadable(ILogger logger, string entry);

    [LoggerMessage(406, LogLevel.Warning, "Adopted a run stranded in this silo's processing list by a failed fetch: {Entry}")]
    private static partial void LogAdopted(ILogger logger, string entry);

    [LoggerMessage(407, LogLevel.Debug, "Run {RunId} was cut short by this silo's shutdown after it was handed back to its queue; not settled")]
    private static partial void LogInterrupted(ILogger logger, string runId);

    [LoggerMessage(408, LogLevel.Warning, "Dropped {Count} dead letter(s), the oldest: more than {Limit} are kept, or older than {Retention}")]
    private static partial void LogDeadLettersDropped(ILogger logger, long count, int limit, TimeSpan retention);
}
