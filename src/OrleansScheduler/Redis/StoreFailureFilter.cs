using Microsoft.Extensions.Logging;

namespace OrleansScheduler.Redis;

/// <summary>
/// Turns a failure of the store under a grain call (a Redis error or timeout, a storage or reminder provider's wrapper
/// of one, a conflict) into a <see cref="SchedulerUnavailableException"/> that the caller can read and retry: the
/// original exception is logged here, because StackExchange.Redis's exceptions cannot be serialized back to a client.
/// The scheduler's own exceptions (bad input, no such job) pass through unchanged.
/// </summary>
internal static partial class StoreFailureFilter
{
    /// <summary>Runs the call; rethrows any failure but the scheduler's own exceptions as <see cref="SchedulerUnavailableException"/>.</summary>
    public static async Task InvokeAsync(IIncomingGrainCallContext context, ILogger logger)
    {
        try
        {
            await context.Invoke().ConfigureAwait(true);
        }
        catch (Exception ex) when (ex is not (JobValidationException or JobNotFoundException or SchedulerUnavailableException or OutOfMemoryException))
        {
            var call = $"{context.InterfaceName}.{context.MethodName}";
            LogFailed(logger, call, context.TargetId.ToString(), ex);
            throw new SchedulerUnavailableException($"{call} on {context.TargetId} failed: {ex.GetType().Name}: {ex.Message}. Nothing, or only part of it, was stored; the call is safe to retry");
        }
    }

    [LoggerMessage(1000, LogLevel.Warning, "{Call} on {Grain} failed; the caller is told to retry")]
    private static partial void LogFailed(ILogger logger, string call, string grain, Exception exception);
}
