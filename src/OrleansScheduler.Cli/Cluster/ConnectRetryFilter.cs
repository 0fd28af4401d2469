using Orleans.Runtime.Messaging;

namespace OrleansScheduler.Cli.Cluster;

/// <summary>
/// Retries the client's connection while no gateway answers (no silo registered yet, or a registered silo that
/// is gone), once a second, until the connect deadline cancels it. Remembers the last error to report it.
/// </summary>
internal sealed class ConnectRetryFilter : IClientConnectionRetryFilter
{
    /// <summary>The pause between attempts.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>The error of the latest failed attempt, if any.</summary>
    public Exception? LastError { get; private set; }

    /// <inheritdoc/>
    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        LastError = exception;
        if (exception is not (OrleansMessageRejectionException or ConnectionFailedException) || cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        try
        {
            await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        return true;
    }
}
