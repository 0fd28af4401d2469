using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OrleansScheduler.Testing;

/// <summary>
/// A TCP proxy on a free loopback port that forwards every connection to one upstream server (in practice a
/// <see cref="RedisServer"/>) byte for byte, both directions, and can hurt those connections on purpose: stall them
/// (<see cref="Stall"/>), withhold the server's replies (<see cref="HoldReplies"/>), reset them (<see cref="CutAll"/>),
/// refuse new ones (<see cref="RefuseNew"/>) or slow them down (<see cref="Latency"/>).
/// </summary>
/// <remarks>
/// <para>
/// Every control takes effect at once, for the open connections and for new ones, and may be called from any thread.
/// Each connection has one pump per direction that reads a chunk, waits <see cref="Latency"/>, waits while its direction
/// is held, then writes the chunk: bytes are never dropped or reordered, and while a direction is held the pump does not
/// read further, so the rest waits in the kernel's socket buffers (TCP flow control), as it would behind a frozen
/// process. A chunk whose write had begun when a direction was held still arrives.
/// </para>
/// <para>
/// An end of stream is forwarded as one (a half-close: the other direction goes on) in its turn after the bytes before
/// it, so while a direction is held its end of stream waits too. A reset, an error or an unreachable upstream resets both
/// sides of that connection and nothing else (at once, even while held, if the pump is reading when it happens); no
/// exception leaves a pump. Disposing stops listening, resets the connections still open and waits for their pumps.
/// </para>
/// <para>
/// Typical use with StackExchange.Redis:
/// <code>
/// await using var proxy = await FaultProxy.StartAsync("127.0.0.1", redis.Port);
/// var connection = await ConnectionMultiplexer.ConnectAsync($"{proxy.Address},abortConnect=false,asyncTimeout=1000");
/// proxy.HoldReplies();   // the next command runs in Redis, its reply does not come back
/// ...
/// proxy.Resume();
/// </code>
/// </para>
/// </remarks>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly HashSet<FaultProxyConnection> _connections = [];
    private readonly Task _acceptLoop;
    private TaskCompletionSource _modeChanged = NewSignal();
    private volatile FaultProxyMode _mode;
    private bool _refusing;
    private long _latencyTicks;
    private long _connectionsAccepted;
    private long _connectionsRefused;
    private int _disposed;

    private FaultProxy(EndPoint upstream)
    {
        Upstream = upstream;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _listener.Listen(512);
        }
        catch
        {
            _listener.Dispose();
            _stopping.Dispose();
            throw;
        }

        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The server every connection is forwarded to.</summary>
    public EndPoint Upstream { get; }

    /// <summary>Where the proxy listens: 127.0.0.1 and a port the operating system picked.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The port the proxy listens on.</summary>
    public int Port => EndPoint.Port;

    /// <summary>
    /// <c>127.0.0.1:port</c>, ready to start a StackExchange.Redis configuration string
    /// (<c>$"{proxy.Address},abortConnect=false"</c>).
    /// </summary>
    public string Address => "127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>What is forwarded at the moment.</summary>
    public FaultProxyMode Mode => _mode;

    /// <summary>Whether new connections are reset as soon as they are accepted (see <see cref="RefuseNew"/>).</summary>
    public bool IsRefusingNew
    {
        get
        {
            lock (_gate)
            {
                return _refusing;
            }
        }
    }

    /// <summary>
    /// How long each chunk waits before it is forwarded, in both directions (zero by default). A pump reads its next chunk
    /// only after it forwarded the previous one, so a request and its reply take at least twice this long, and a long
    /// stream is slowed as well; order is kept. A change applies to the chunks read after it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            Interlocked.Exchange(ref _latencyTicks, value.Ticks);
        }
    }

    /// <summary>How many connections were accepted and forwarded so far (refused ones not included).</summary>
    public long ConnectionsAccepted => Interlocked.Read(ref _connectionsAccepted);

    /// <summary>How many connections were accepted and reset at once because <see cref="RefuseNew"/> was on.</summary>
    public long ConnectionsRefused => Interlocked.Read(ref _connectionsRefused);

    /// <summary>
    /// How many forwarded connections are open now, including any still connecting to the upstream, and any whose client
    /// closed while its direction was held (that close is passed on, and the pair dropped, after <see cref="Resume"/>).
    /// </summary>
    public int OpenConnections
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>Starts a proxy to <paramref name="upstream"/> (an <see cref="IPEndPoint"/> or a <see cref="DnsEndPoint"/>).</summary>
    /// <remarks>The upstream is not contacted until a client connects, so it may be down, or start later.</remarks>
    /// <exception cref="ArgumentException"><paramref name="upstream"/> is neither an IP nor a DNS end point.</exception>
    public static Task<FaultProxy> StartAsync(EndPoint upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        if (upstream is not (IPEndPoint or DnsEndPoint))
        {
            throw new ArgumentException($"a TCP end point (IPEndPoint or DnsEndPoint) is needed, not {upstream.GetType().Name}", nameof(upstream));
        }

        return Task.FromResult(new FaultProxy(upstream));
    }

    /// <summary>Starts a proxy to <paramref name="host"/> (an IP address or a host name) and <paramref name="port"/>.</summary>
    /// <remarks>The upstream is not contacted until a client connects, so it may be down, or start later.</remarks>
    public static Task<FaultProxy> StartAsync(string host, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        return StartAsync(IPAddress.TryParse(host, out var address) ? new IPEndPoint(address, port) : new DnsEndPoint(host, port));
    }

    /// <summary>
    /// Stops forwarding in both directions: the connections stay open and the bytes wait, so each side sees silence, as
    /// behind a frozen process or a black-holed network. New connections are accepted (and connected to the upstream)
    /// but silent too. <see cref="Resume"/> forwards everything held, in order.
    /// </summary>
    public void Stall() => SetMode(FaultProxyMode.Stalled);

    /// <summary>
    /// Forwards client-to-server bytes but holds server-to-client ones: a command reaches the server and runs, its reply
    /// does not come back (the client times out on a command the server did run). <see cref="Resume"/> releases the
    /// replies, in order.
    /// </summary>
    public void HoldReplies() => SetMode(FaultProxyMode.RepliesHeld);

    /// <summary>Ends <see cref="Stall"/> or <see cref="HoldReplies"/>: everything held is forwarded, in order, and all that follows.</summary>
    public void Resume() => SetMode(FaultProxyMode.Forwarding);

    /// <summary>
    /// Resets every open connection, both sides (an abortive close, so each peer sees a TCP reset: "connection reset by
    /// peer"); bytes held for them are dropped with them. New connections are still accepted, unless <see cref="RefuseNew"/>
    /// is on; <see cref="Mode"/> and <see cref="Latency"/> stay as they are.
    /// </summary>
    /// <returns>How many connections were reset.</returns>
    public int CutAll()
    {
        FaultProxyConnection[] open;
        lock (_gate)
        {
            open = [.. _connections];
        }

        foreach (var connection in open)
        {
            connection.Abort();
        }

        return open.Length;
    }

    /// <summary>
    /// While <paramref name="refuse"/> is on, each new connection is accepted and reset at once (the client sees its
    /// connection reset before any reply) and counted in <see cref="ConnectionsRefused"/>; open connections are not
    /// affected. Turn it off to accept connections again.
    /// </summary>
    public void RefuseNew(bool refuse = true)
    {
        lock (_gate)
        {
            _refusing = refuse;
        }
    }

    /// <summary>
    /// Stops listening (a new connection is then refused by the operating system), resets every open connection and waits
    /// until all of the proxy's tasks have ended. Never throws; calling it again does nothing.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            _stopping.Cancel();
        }
        catch (AggregateException)
        {
            // A cancellation callback failed; everything is being torn down anyway.
        }

        _listener.Dispose();
        await _acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        FaultProxyConnection[] open;
        lock (_gate)
        {
            open = [.. _connections];
        }

        foreach (var connection in open)
        {
            connection.Abort();
        }

        await Task.WhenAll(open.Select(connection => connection.Completion)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    /// <summary>Completes once <paramref name="towardClient"/>'s direction is no longer held (at once if it is not).</summary>
    internal Task WaitUntilFlowingAsync(bool towardClient, CancellationToken cancellationToken) =>
        IsHeld(_mode, towardClient) ? WaitUntilReleasedAsync(towardClient, cancellationToken) : Task.CompletedTask;

    /// <summary>Drops a connection whose pumps have ended.</summary>
    internal void Forget(FaultProxyConnection connection)
    {
        lock (_gate)
        {
            _connections.Remove(connection);
        }
    }

    private static bool IsHeld(FaultProxyMode mode, bool towardClient) =>
        mode == FaultProxyMode.Stalled || (towardClient && mode == FaultProxyMode.RepliesHeld);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task WaitUntilReleasedAsync(bool towardClient, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (!IsHeld(_mode, towardClient))
                {
                    return;
                }

                changed = _modeChanged.Task;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void SetMode(FaultProxyMode mode)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (_mode == mode)
            {
                return;
            }

            _mode = mode;
            changed = _modeChanged;
            _modeChanged = NewSignal();
        }

        // Every waiting pump re-checks its direction under the lock.
        changed.TrySetResult();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // A connection that failed before it was accepted (e.g. reset by its client); the listener goes on.
                continue;
            }

            Admit(client);
        }
    }

    private void Admit(Socket client)
    {
        FaultProxyConnection? connection = null;
        lock (_gate)
        {
            if (!_refusing)
            {
                connection = new FaultProxyConnection(this, client, Upstream, _stopping.Token);
                _connections.Add(connection);
                Interlocked.Increment(ref _connectionsAccepted);
            }
            else
            {
                Interlocked.Increment(ref _connectionsRefused);
            }
        }

        if (connection is null)
        {
            FaultProxyConnection.Reset(client);
        }
        else
        {
            connection.Start();
        }
    }
}
