namespace OrleansScheduler.Execution;

/// <summary>Cancelled when a stopping silo's grace period for runs in flight is over; handlers see it through their token.</summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _source = new();

    public CancellationToken Token => _source.Token;

    public void Cancel() => _source.Cancel();

    public void Dispose() => _source.Dispose();
}
