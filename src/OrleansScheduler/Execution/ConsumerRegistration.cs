using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansScheduler.Hosting;
using OrleansScheduler.Redis;

namespace OrleansScheduler.Execution;

/// <summary>
/// Keeps this silo's entry among the <see cref="QueueConsumers"/> while it takes runs: written when the silo starts
/// and every <see cref="RefreshInterval"/> after (the same value, so only a Redis that lost it sees a change), removed
/// when it stops. A silo that dies is no longer counted once membership declares it dead.
/// </summary>
internal sealed partial class ConsumerRegistration(
    QueueConsumers consumers,
    ProcessingList list,
    IOptions<JobSchedulerOptions> options,
    ILogger<ConsumerRegistration> logger) : SiloBackgroundService
{
    /// <summary>How often the entry is written again.</summary>
    internal static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan RemoveTimeout = TimeSpan.FromSeconds(5);

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var queues = options.Value.Queues.Distinct(StringComparer.Ordinal).ToList();
        var register = RedisResilience.Loop(RedisResilience.LoopDelay, args =>
        {
            if (args.AttemptNumber == 0)
            {
                LogFailed(logger, args.Outcome.Exception!);
            }

            return default;
        });
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await register.ExecuteAsync(static async (state, _) => await state.consumers.RegisterAsync(state.Silo, state.queues).ConfigureAwait(false), (consumers, list.Silo, queues), stopping).ConfigureAwait(false);
                await Task.Delay(RefreshInterval, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: the entry is removed below.
        }

        try
        {
            await consumers.UnregisterAsync(list.Silo).WaitAsync(RemoveTimeout, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFailures.IsTransient(ex, CancellationToken.None))
        {
            // Readers stop counting it once membership declares this silo dead.
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(910, LogLevel.Warning, "Registering the queues this silo serves failed; trying again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
