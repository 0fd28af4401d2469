using System.Net;
using System.Net.Sockets;

namespace OrleansScheduler.Testing;

/// <summary>
/// One client connection of a <see cref="FaultProxy"/> and its connection to the upstream, with a pump per direction.
/// Ends when both directions have ended (each end of stream forwarded) or when it is aborted (both sides reset).
/// </summary>
internal sealed class FaultProxyConnection
{
    private const int ChunkSize = 64 * 1024;

    private readonly FaultProxy _proxy;
    private readonly Socket _client;
    private readonly Socket _upstream;
    private readonly EndPoint _upstreamEndPoint;
    private readonly CancellationTokenSource _aborted;
    private int _abortRequested;

    /// <summary>Takes over <paramref name="client"/>; nothing happens until <see cref="Start"/>.</summary>
    public FaultProxyConnection(FaultProxy proxy, Socket client, EndPoint upstream, CancellationToken stopping)
    {
        _proxy = proxy;
        _client = client;
        _upstreamEndPoint = upstream;
        _upstream = upstream.AddressFamily == AddressFamily.Unspecified
            ? new Socket(SocketType.Stream, ProtocolType.Tcp) // a DnsEndPoint: dual mode, any address the name resolves to
            : new Socket(upstream.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _aborted = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    }

    /// <summary>Completes (never faults) when both pumps have ended and both sockets are closed.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Connects to the upstream and starts pumping.</summary>
    public void Start() => Completion = Task.Run(RunAsync);

    /// <summary>Resets both sides (RST, not FIN) and cancels the pumps; does nothing the second time.</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _abortRequested, 1) != 0)
        {
            return;
        }

        Reset(_client);
        Reset(_upstream);
        try
        {
            _aborted.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connection had already ended.
        }
        catch (AggregateException)
        {
            // A cancellation callback failed; the sockets are closed anyway.
        }
    }

    /// <summary>Closes <paramref name="socket"/> abortively: linger on with a zero timeout makes the kernel send a reset.</summary>
    public static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Not connected or already closed: closing it is all that is left.
        }

        socket.Dispose();
    }

    private async Task RunAsync()
    {
        var cancellationToken = _aborted.Token;
        try
        {
            _client.NoDelay = true;
            await _upstream.ConnectAsync(_upstreamEndPoint, cancellationToken).ConfigureAwait(false);
            _upstream.NoDelay = true;
            await Task.WhenAll(
                PumpAsync(_client, _upstream, towardClient: false, cancellationToken),
                PumpAsync(_upstream, _client, towardClient: true, cancellationToken)).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whatever goes wrong (upstream unreachable, aborted, disposed) ends this connection only.
        catch (Exception)
#pragma warning restore CA1031
        {
            Abort();
        }
        finally
        {
            _client.Dispose();
            _upstream.Dispose();
            _aborted.Dispose();
            _proxy.Forget(this);
        }
    }

    private async Task PumpAsync(Socket from, Socket to, bool towardClient, CancellationToken cancellationToken)
    {
        var buffer = new byte[ChunkSize];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                var latency = _proxy.Latency;
                if (latency > TimeSpan.Zero)
                {
                    await Task.Delay(latency, cancellationToken).ConfigureAwait(false);
                }

                await _proxy.WaitUntilFlowingAsync(towardClient, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    // End of stream: pass it on as a half-close; the other direction carries on until it ends too.
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                for (var sent = 0; sent < read;)
                {
                    sent += await to.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                }
            }
        }
#pragma warning disable CA1031 // A reset, a cut, disposal or anything else: reset both sides, never let it escape.
        catch (Exception)
#pragma warning restore CA1031
        {
            Abort();
        }
    }
}
