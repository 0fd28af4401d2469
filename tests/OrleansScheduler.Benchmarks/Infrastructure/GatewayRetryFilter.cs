using Orleans.Runtime.Messaging;

namespace OrleansScheduler.Benchmarks.Infrastructure;

/// <summary>
/// Retries the client's connection once a second while no gateway answers yet (silos still joining), until the
/// connect deadline cancels it.
/// </summary>
internal sealed class GatewayRetryFilter : IClientConnectionRetryFilter
{
    /// <inheritdoc/>
    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (OrleansMessageRejectionException or ConnectionFailedException or SiloUnavailableException) || cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
