namespace OrleansScheduler.Hosting;

/// <summary>
/// Work that runs on every silo for as long as the silo is active: started when the silo reaches
/// <see cref="ServiceLifecycleStage.Active"/> (it has joined the cluster, so grains can be called), cancelled and
/// awaited when it stops. The silo-lifecycle counterpart of a hosted <c>BackgroundService</c>: as a lifecycle
/// participant it starts after the silo has joined and stops before it leaves, whatever order the host's services were
/// registered in.
/// </summary>
internal abstract class SiloBackgroundService : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;

    /// <inheritdoc/>
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(GetType().Name, ServiceLifecycleStage.Active, StartAsync, StopAsync);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>The work, until <paramref name="stopping"/> is cancelled. It runs on the thread pool, off the silo's start-up path.</summary>
    /// <param name="stopping">Cancelled when the silo stops.</param>
    protected abstract Task ExecuteAsync(CancellationToken stopping);

    /// <summary>Called on the silo's start path before the work starts: what must be in place before it runs.</summary>
    /// <param name="cancellationToken">The silo's start token.</param>
    protected virtual Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Called on the silo's stop path once the work has ended (or the stop gave up waiting for it), before
    /// <see cref="OnStopped"/>: what must finish before the silo leaves.
    /// </summary>
    /// <param name="cancellationToken">The silo's stop token: cancelled when the stop should no longer wait.</param>
    protected virtual Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called once the work has ended (or the silo's stop timed out waiting for it).</summary>
    protected virtual void OnStopped()
    {
    }

    /// <summary>Releases what the service holds.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stopping.Dispose();
        }
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        await StartingAsync(cancellationToken).ConfigureAwait(false);
        _running = Task.Run(() => ExecuteAsync(_stopping.Token), CancellationToken.None);
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The work ended by its cancellation, or the silo's stop gave up waiting for it.
        }

        await StoppedAsync(cancellationToken).ConfigureAwait(false);
        OnStopped();
    }
}
