using Microsoft.Extensions.Logging;
using OrleansScheduler.Redis;
using StackExchange.Redis;

namespace OrleansScheduler.Execution;

/// <summary>
/// The wake-up channel (<see cref="SchedulerKeys.WakeChannel"/>) as the fetcher hears it: every push publishes a
/// message, and an idle fetcher waits for one or for its poll interval, whichever comes first. Several messages while
/// the fetcher is busy make one pending wake-up.
/// </summary>
internal sealed partial class WakeUps(SchedulerRedisConnection connection, SchedulerKeys keys, ILogger<WakeUps> logger) : IDisposable
{
    private readonly SemaphoreSlim _pending = new(0, 1);
    private ChannelMessageQueue? _subscription;

    /// <summary>Subscribes; without Redis the fetcher still polls, and the multiplexer resubscribes when Redis returns.</summary>
    public async Task SubscribeAsync(CancellationToken cancellationToken)
    {
        var multiplexer = await connection.GetMultiplexerAsync().ConfigureAwait(false);
        try
        {
            _subscription = await multiplexer.GetSubscriber().SubscribeAsync(RedisChannel.Literal(keys.WakeChannel)).ConfigureAwait(false);
            _subscription.OnMessage(_ => Signal());
        }
        catch (Exception ex) when (RedisFailures.IsTransient(ex, cancellationToken))
        {
            LogSubscribeFailed(logger, ex);
        }
    }

    /// <summary>Waits for a wake-up, at most <paramref name="timeout"/>.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pending.WaitAsync(timeout, cancellationToken);

    /// <summary>Stops listening.</summary>
    public async Task UnsubscribeAsync()
    {
        if (_subscription is not null)
        {
            await _subscription.UnsubscribeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _pending.Dispose();

    private void Signal()
    {
        if (_pending.CurrentCount == 0)
        {
            try
            {
                _pending.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another message woke the fetcher first; one pending wake-up is enough.
            }
        }
    }

    [LoggerMessage(409, LogLevel.Warning, "Subscribing to the wake-up channel failed; polling until Redis is back")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);
}
