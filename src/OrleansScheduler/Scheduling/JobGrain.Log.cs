using Microsoft.Extensions.Logging;

namespace OrleansScheduler.Scheduling;

internal sealed partial class JobGrain
{
    [LoggerMessage(300, LogLevel.Information, "Job {JobId} {Action}: {Schedule}, handler {Handler}")]
    private static partial void LogScheduledCore(ILogger logger, string jobId, string action, string schedule, string handler);

    private static void LogScheduled(ILogger logger, string jobId, string schedule, string handler, bool created) =>
        LogScheduledCore(logger, jobId, created ? "created" : "replaced", schedule, handler);

    [LoggerMessage(301, LogLevel.Information, "Job {JobId} rejected: {Errors}")]
    private static partial void LogRejected(ILogger logger, string jobId, string errors);

    [LoggerMessage(302, LogLevel.Information, "Job {JobId} paused")]
    private static partial void LogPaused(ILogger logger, string jobId);

    [LoggerMessage(303, LogLevel.Information, "Job {JobId} resumed")]
    private static partial void LogResumed(ILogger logger, string jobId);

    [LoggerMessage(304, LogLevel.Information, "Job {JobId} triggered: run {RunId}")]
    private static partial void LogTriggered(ILogger logger, string jobId, string runId);

    [LoggerMessage(305, LogLevel.Information, "Job {JobId} deleted")]
    private static partial void LogDeleted(ILogger logger, string jobId);

    [LoggerMessage(306, LogLevel.Warning, "Job {JobId} could not reach Redis to bring it up to date (failure {Failures} in a row); retrying")]
    private static partial void LogEvaluationFailed(ILogger logger, string jobId, int failures, Exception exception);

    [LoggerMessage(307, LogLevel.Debug, "Run {RunId} was already enqueued; not pushed again")]
    private static partial void LogDuplicateSuppressed(ILogger logger, string runId);

    [LoggerMessage(308, LogLevel.Warning, "Job {JobId} missed occurrences: {Skipped} recorded skipped by misfire policy {Policy} ({Known} found enqueued or recorded already), {Run} to run")]
    private static partial void LogMisfire(ILogger logger, string jobId, long skipped, long known, MisfirePolicy policy, int run);

    [LoggerMessage(309, LogLevel.Information, "Run {RunId} skipped: the previous run is still active (overlap policy Skip)")]
    private static partial void LogOverlapSkipped(ILogger logger, string runId);

    [LoggerMessage(310, LogLevel.Debug, "Job {JobId} deactivating ({Reason}): reminder set for its next occurrence {Next:o}")]
    private static partial void LogReminderReArmed(ILogger logger, string jobId, string reason, DateTimeOffset next);

    [LoggerMessage(311, LogLevel.Warning, "Job {JobId} could not set its reminder for the next occurrence while deactivating; it wakes at the next regular tick")]
    private static partial void LogReminderReArmFailed(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(312, LogLevel.Error, "Job {JobId} failed to bring itself up to date (failure {Failures} in a row); retrying")]
    private static partial void LogEvaluationError(ILogger logger, string jobId, int failures, Exception exception);

    [LoggerMessage(313, LogLevel.Error, "Job {JobId} did not fire {Occurrence:o}: Redis refused it as later than its own clock allows ({MaxClockSkew} ahead at most). This silo's clock is ahead of Redis's; fix its time (NTP). Retrying")]
    private static partial void LogClockAhead(ILogger logger, string jobId, DateTimeOffset occurrence, TimeSpan maxClockSkew);

    [LoggerMessage(314, LogLevel.Warning, "Job {JobId} could not remove its reminder; the reminder removes itself at its next tick")]
    private static partial void LogUnregisterFailed(ILogger logger, string jobId, Exception exception);

    [LoggerMessage(315, LogLevel.Error, "Job {JobId} has a schedule this silo cannot use, so it does not fire here: {Errors}")]
    private static partial void LogScheduleUnusable(ILogger logger, string jobId, string errors);
}
