using Microsoft.Extensions.Logging;
using OrleansScheduler.Redis;

namespace OrleansScheduler.Execution;

/// <summary>
/// Executes the runs in this silo's processing list that it is not running: a fetch that failed on this side may still
/// have run in Redis (a timeout while Redis was frozen), leaving runs there that nobody executes. Adopting never moves a
/// run; it starts it where it is.
/// </summary>
internal sealed partial class RunAdopter(ProcessingList list, RunSlots slots, RunExecutor executor, ILogger<RunAdopter> logger)
{
    /// <summary>Starts every stranded run in this silo's list, each once it has a slot.</summary>
    public async Task AdoptStrandedAsync(CancellationToken stopping)
    {
        try
        {
            foreach (var raw in await list.ReadAsync().ConfigureAwait(false))
            {
                if (slots.IsRunning(raw))
                {
                    continue;
                }

                await slots.WaitAsync(stopping).ConfigureAwait(false);
                // Checked again now that a slot is free: the list was read before the wait, and a run this silo was
                // executing may have finished meanwhile. Settling removes a run from the list before it leaves the
                // running set, so a run that is in neither any more was settled and must not start again.
                if (slots.IsRunning(raw) || !await list.ContainsAsync(raw).ConfigureAwait(false))
                {
                    slots.Release();
                    continue;
                }

                LogAdopted(logger, RunExecutor.Excerpt(raw.ToString()));
                executor.Start(raw);
            }
        }
        catch (Exception ex) when (RedisFailures.IsTransient(ex, stopping))
        {
            // Still unreachable: the next failure-then-success round of the fetcher adopts them.
            LogAdoptFailed(logger, ex);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the hand back at shutdown returns them to the queue.
        }
    }

    [LoggerMessage(406, LogLevel.Warning, "Adopted a run stranded in this silo's processing list by a failed fetch: {Entry}")]
    private static partial void LogAdopted(ILogger logger, string entry);

    [LoggerMessage(410, LogLevel.Warning, "Adopting runs stranded in this silo's processing list failed: Redis is unreachable; the next fetch round tries again")]
    private static partial void LogAdoptFailed(ILogger logger, Exception exception);
}
