using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using OrleansScheduler.Diagnostics;
using OrleansScheduler.Execution;
using OrleansScheduler.Hosting;
using OrleansScheduler.Redis;
using StackExchange.Redis;

namespace OrleansScheduler.Settlement;

/// <summary>
/// Decides where an attempt's run goes (done, a retry after its backoff, or the dead letters) and settles it in one
/// script, retried while Redis is unreachable. Until it is settled a run stays in this silo's processing list: at worst
/// it runs again, it is never lost.
/// </summary>
internal sealed partial class RunSettler(
    SettlementStore store,
    ProcessingList list,
    IOptions<JobSchedulerOptions> options,
    SchedulerInstruments instruments,
    ILogger<RunSettler> logger)
{
    // A handler's error is stored in history and dead letters: cut, so that a huge message cannot bloat Redis.
    private const int MaxErrorLength = 2_000;

    private static readonly ResiliencePropertyKey<string> RunId = new("osched.settle.run-id");

    private readonly JobSchedulerOptions _options = options.Value;

    // Until the run is settled it stays in this silo's processing list: at worst it runs again, never lost.
    private readonly ResiliencePipeline _settle = RedisResilience.Settle(args =>
    {
        LogSettleFailed(logger, args.Context.Properties.GetValue(RunId, "?"), args.AttemptNumber + 1, args.Outcome.Exception!);
        return default;
    });

    /// <summary>Where the run goes after this attempt, and the status its history entry counts.</summary>
    public static (RunDisposition Disposition, RunStatus Status) Decide(RunMessage message, RunOutcome outcome)
    {
        var disposition = outcome.Status == RunStatus.Succeeded ? RunDisposition.Done
            : message.Attempt < message.MaxAttempts ? RunDisposition.Retry
            : RunDisposition.DeadLetter;
        return (disposition, disposition == RunDisposition.DeadLetter ? RunStatus.DeadLettered : outcome.Status);
    }

    /// <summary>Settles the attempt: out of this silo's processing list, into history and counts, and on to its disposition.</summary>
    public Task SettleAsync(RedisValue raw, RunMessage message, RunOutcome outcome, RunDisposition disposition, RunStatus status)
    {
        var finished = outcome.FinishedAt;
        var error = outcome.Error is { Length: > MaxErrorLength } text ? text[..MaxErrorLength] + "…" : outcome.Error;
        var entry = new HistoryEntry
        {
            RunId = message.RunId,
            JobId = message.JobId,
            Occurrence = message.Occurrence,
            Attempt = message.Attempt,
            Status = status,
            Silo = list.Silo,
            StartedAt = outcome.StartedAt.ToUnixTimeMilliseconds(),
            FinishedAt = finished.ToUnixTimeMilliseconds(),
            Error = error,
        };
        RunMessage? retry = null;
        var retryDue = finished;
        DeadLetterEntry? dead = null;
        if (disposition == RunDisposition.Retry)
        {
            // A retry is a new attempt of the same run: same run id, so handlers can deduplicate.
            retry = message with { Attempt = message.Attempt + 1, EnqueuedAt = finished.ToUnixTimeMilliseconds() };
            retryDue = finished + RetryBackoff.Compute(message.Attempt, _options.RetryBaseDelay, _options.RetryMaxDelay, Random.Shared);
        }
        else if (disposition == RunDisposition.DeadLetter)
        {
            dead = new DeadLetterEntry
            {
                RunId = message.RunId,
                JobId = message.JobId,
                Occurrence = message.Occurrence,
                Attempts = message.Attempt,
                Handler = message.Handler,
                Queue = message.Queue,
                Error = error,
                DeadAt = finished.ToUnixTimeMilliseconds(),
                Silo = list.Silo,
                // Requeued by an operator, the run starts over as attempt 1.
                Requeue = JsonSerializer.Serialize(message with { Attempt = 1 }, RunJsonContext.Default.RunMessage),
            };
            LogDeadLettered(logger, message.RunId, message.Attempt, error);
        }

        return WithRetriesAsync(message.RunId, async () =>
        {
            var (_, dropped) = await store.SettleAsync(raw, entry, disposition, retry, retryDue, dead).ConfigureAwait(false);
            if (dropped > 0)
            {
                instruments.RecordDeadLettersDropped(dropped);
                LogDeadLettersDropped(logger, dropped, _options.DeadLetterLimit, _options.DeadLetterRetention);
            }
        });
    }

    /// <summary>Drops an entry that is not a readable run from this silo's processing list, settling nothing.</summary>
    public Task DropAsync(RedisValue raw) => WithRetriesAsync("?", () => list.DropAsync(raw));

    private async Task WithRetriesAsync(string runId, Func<Task> settle)
    {
        var context = ResilienceContextPool.Shared.Get(CancellationToken.None);
        context.Properties.Set(RunId, runId);
        try
        {
            // On no token: a settle goes on during shutdown, or the attempt's outcome would be lost.
            await _settle.ExecuteAsync(static async (_, settle) => await settle().ConfigureAwait(false), context, settle).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFailures.IsTransient(ex))
        {
            // The last try failed too. The run stays in this silo's processing list: at worst it runs again, never lost.
            LogSettleFailed(logger, runId, RedisResilience.SettleAttempts, ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    [LoggerMessage(403, LogLevel.Warning, "Settling run {RunId} failed (attempt {Attempt}); retrying")]
    private static partial void LogSettleFailed(ILogger logger, string runId, int attempt, Exception exception);

    [LoggerMessage(405, LogLevel.Warning, "Run {RunId} dead-lettered after {Attempts} attempt(s): {Error}")]
    private static partial void LogDeadLettered(ILogger logger, string runId, int attempts, string? error);

    [LoggerMessage(408, LogLevel.Warning, "Dropped {Count} dead letter(s), the oldest: more than {Limit} are kept, or older than {Retention}")]
    private static partial void LogDeadLettersDropped(ILogger logger, long count, int limit, TimeSpan retention);
}
