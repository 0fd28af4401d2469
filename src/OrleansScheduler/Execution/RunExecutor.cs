using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansScheduler.Diagnostics;
using OrleansScheduler.Hosting;
using OrleansScheduler.Redis;
using OrleansScheduler.Settlement;
using StackExchange.Redis;

namespace OrleansScheduler.Execution;

/// <summary>
/// Executes one fetched run in a slot it holds, through the local <see cref="IRunWorkerGrain"/>, and hands the outcome
/// to the <see cref="RunSettler"/>. An entry that is not a readable run is dropped, never executed.
/// </summary>
internal sealed partial class RunExecutor(
    RunSlots slots,
    RunSettler settler,
    ProcessingList list,
    IGrainFactory grains,
    IOptions<JobSchedulerOptions> options,
    [FromKeyedServices(JobSchedulerTimeProviderNames.Scheduler)] TimeProvider time,
    SchedulerInstruments instruments,
    ILogger<RunExecutor> logger)
{
    // How much of an entry a log line shows.
    private const int ExcerptLength = 200;

    private readonly TimeSpan _defaultTimeout = options.Value.DefaultRunTimeout;

    // Resolved once: GetGrain per run (interface-type lookup, reference creation) was 4 % of a silo's CPU in a burst.
    private IRunWorkerGrain? _worker;

    /// <summary>Starts a run that holds a slot; the slot is given back when the run has been settled.</summary>
    public void Start(RedisValue raw)
    {
        // Counted before it starts: the fetcher's drain at shutdown waits for every run it started.
        slots.Begin(raw);
        _ = ExecuteAsync(raw);
    }

    /// <summary>The start of an entry, for a log line.</summary>
    public static string Excerpt(string text) => text.Length <= ExcerptLength ? text : text[..ExcerptLength] + "…";

    private async Task ExecuteAsync(RedisValue raw)
    {
        try
        {
            var message = Deserialize(raw);
            if (message is null)
            {
                // Not a run this version can read: drop it from processing rather than retry it forever. Never executed.
                LogUnreadable(logger, Excerpt(raw.ToString()));
                await settler.DropAsync(raw).ConfigureAwait(false);
                return;
            }

            // The run's span is current while the worker runs it: with Orleans' activity propagation the handler's own
            // spans (an HTTP call, say) nest under it.
            using var activity = SchedulerActivities.StartRun(message, list.Silo);
            RunOutcome outcome;
            try
            {
                outcome = await (_worker ??= grains.GetGrain<IRunWorkerGrain>(0)).Execute(ToRequest(message)).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Whatever the handler or the call threw is the attempt's failure; nothing escapes to leak the slot.
                var now = time.GetUtcNow();
                outcome = new RunOutcome { Status = RunStatus.Failed, StartedAt = now, FinishedAt = now, Error = $"{ex.GetType().Name}: {ex.Message}" };
            }

            if (outcome.Interrupted)
            {
                // Cut short by this silo's shutdown after its hand back: the run is on its queue again (or, if Redis was
                // unreachable, still in this silo's list for the survivors to hand back). Not an attempt that failed.
                LogInterrupted(logger, message.RunId);
                return;
            }

            var (disposition, status) = RunSettler.Decide(message, outcome);
            instruments.RecordFinished(status, outcome.FinishedAt - outcome.StartedAt);
            SchedulerActivities.SetOutcome(activity, status, outcome.Error);
            await settler.SettleAsync(raw, message, outcome, disposition, status).ConfigureAwait(false);
        }
        finally
        {
            slots.End(raw);
        }
    }

    private RunRequest ToRequest(RunMessage message) => new()
    {
        RunId = message.RunId,
        JobId = message.JobId,
        Occurrence = DateTimeOffset.FromUnixTimeMilliseconds(message.Occurrence),
        Attempt = message.Attempt,
        Handler = message.Handler,
        Payload = message.Payload,
        Timeout = message.TimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : _defaultTimeout,
    };

    private static RunMessage? Deserialize(RedisValue raw)
    {
        try
        {
            return JsonSerializer.Deserialize((string)raw!, RunJsonContext.Default.RunMessage);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(404, LogLevel.Error, "Dropped an unreadable queue entry (not executed): {Entry}")]
    private static partial void LogUnreadable(ILogger logger, string entry);

    [LoggerMessage(407, LogLevel.Debug, "Run {RunId} was cut short by this silo's shutdown after it was handed back to its queue; not settled")]
    private static partial void LogInterrupted(ILogger logger, string runId);
}
