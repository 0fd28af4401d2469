using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using OrleansScheduler.Testing;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace OrleansScheduler.IntegrationTests;

/// <summary>
/// The fault-injection proxy against a real redis-server, with StackExchange.Redis connected through it: each fault
/// does to the client what it says, and the proxy recovers from it.
/// </summary>
public sealed class FaultProxyTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Tests assert outcomes, not timing: every wait below is generous, and each fault shows within the client's timeouts.
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    private readonly ConcurrentQueue<string> _events = new();
    private readonly List<IAsyncDisposable> _disposables = [];
    private RedisServer? _redis;
    private FaultProxy? _proxy;
    private ConnectionMultiplexer? _direct;

    private RedisServer Redis => _redis!;

    private FaultProxy Proxy => _proxy!;

    // A connection that bypasses the proxy, to see what reached the server.
    private IDatabase Direct => _direct!.GetDatabase();

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _proxy = await FaultProxy.StartAsync("127.0.0.1", _redis.Port);
        _direct = await _redis.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var disposable in Enumerable.Reverse(_disposables))
        {
            await disposable.DisposeAsync();
        }

        if (_direct is not null)
        {
            await _direct.DisposeAsync();
        }

        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        foreach (var line in _events)
        {
            output.WriteLine(line);
        }
    }

    [Fact]
    public async Task Proxy_ForwardsCommandsAndRepliesByteExact_WhenNoFaultIsSet()
    {
        var db = (await ConnectThroughProxyAsync()).GetDatabase();
        var value = new byte[1024 * 1024 + 17];
        Random.Shared.NextBytes(value);

        Assert.True(await db.StringSetAsync("blob", value));
        var roundTrip = (byte[]?)await db.StringGetAsync("blob");
        var increments = await Task.WhenAll(Enumerable.Range(0, 5000).Select(_ => db.StringIncrementAsync("counter")));

        Assert.Equal(value, roundTrip);
        Assert.Equal(value, (byte[]?)await Direct.StringGetAsync("blob"));
        Assert.Equal(Enumerable.Range(1, 5000).Select(i => (long)i), increments.Order());
        Assert.Equal(5000, (long)await Direct.StringGetAsync("counter"));
        Assert.True(Proxy.ConnectionsAccepted >= 1);
        Assert.True(Proxy.OpenConnections >= 1);
    }

    [Fact]
    public async Task Proxy_ForwardsEndOfStream_WhenTheClientHalfCloses()
    {
        using var socket = await ConnectRawAsync();
        await socket.SendAsync(Encoding.ASCII.GetBytes("PING\r\n"));
        socket.Shutdown(SocketShutdown.Send);

        // Redis answers what it read, then sees the end of stream and closes: the proxy passes both on.
        Assert.Equal("+PONG\r\n", await ReadToEndAsync(socket));
        await Eventually.TrueAsync(() => Task.FromResult(Proxy.OpenConnections == 0), "the connection pair to close", Generous);
    }

    [Fact]
    public async Task Stall_MakesCommandsTimeOutWithoutReachingTheServer_AndResumeDeliversThemAndLaterCommands()
    {
        var connection = await ConnectThroughProxyAsync();
        var db = connection.GetDatabase();
        await db.PingAsync();

        Proxy.Stall();
        Assert.Equal(FaultProxyMode.Stalled, Proxy.Mode);
        var timeout = await Record(() => db.StringSetAsync("stalled", "1"), "SET while stalled");

        Assert.IsType<RedisTimeoutException>(timeout);
        Assert.False(await Direct.KeyExistsAsync("stalled"));

        Proxy.Resume();
        // Nothing held is lost: the SET that timed out reaches the server after all.
        await Eventually.TrueAsync(() => Direct.KeyExistsAsync("stalled"), "the held SET to reach the server", Generous);
        Assert.True(await db.StringSetAsync("after", "2"));
        Assert.Equal("2", await db.StringGetAsync("after"));
    }

    [Fact]
    public async Task HoldReplies_LetsACommandRunButTimesOutItsReply_AndResumeRestoresTheConnection()
    {
        var connection = await ConnectThroughProxyAsync();
        var db = connection.GetDatabase();
        await db.PingAsync();

        Proxy.HoldReplies();
        var timeout = await Record(() => db.StringIncrementAsync("counter"), "INCR while replies are held");

        Assert.IsType<RedisTimeoutException>(timeout);
        // Timed out on the client, yet it ran on the server.
        Assert.Equal(1, (long)await Direct.StringGetAsync("counter"));

        Proxy.Resume();
        Assert.Equal(2, await db.StringIncrementAsync("counter"));
        Assert.Equal(2, (long)await Direct.StringGetAsync("counter"));
    }

    [Fact]
    public async Task CutAll_FailsTheCommandInFlight_AndTheClientReconnectsAfterwards()
    {
        var connection = await ConnectThroughProxyAsync();
        var db = connection.GetDatabase();
        await db.PingAsync();
        var failed = new TaskCompletionSource<ConnectionFailedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionFailed += (_, e) => failed.TrySetResult(e);
        var acceptedBefore = Proxy.ConnectionsAccepted;

        Proxy.HoldReplies();
        var inFlight = db.StringIncrementAsync("counter");
        await Eventually.TrueAsync(async () => (long)await Direct.StringGetAsync("counter") == 1, "the INCR to run", Generous);
        Assert.True(Proxy.CutAll() >= 1);
        Proxy.Resume();
        var failure = await Record(() => inFlight, "INCR in flight when cut");

        Assert.IsType<RedisConnectionException>(failure);
        var args = await failed.Task.WaitAsync(Generous);
        _events.Enqueue($"ConnectionFailed after CutAll: {args.FailureType} {args.ConnectionType} {args.Exception?.GetType().FullName}: {args.Exception?.Message}");
        // A reset is usually reported as SocketFailure; if the client wrote after the reset it reads an end of stream instead.
        Assert.Contains(args.FailureType, new[] { ConnectionFailureType.SocketFailure, ConnectionFailureType.SocketClosed });
        // It reconnects on its own, through the proxy, and works again.
        await Eventually.TrueAsync(() => PingsAsync(db), "a PING to succeed after the cut", Generous);
        Assert.Equal(2, await db.StringIncrementAsync("counter"));
        Assert.True(Proxy.ConnectionsAccepted > acceptedBefore);
    }

    [Fact]
    public async Task CutAll_ResetsBothSides_WhenAConnectionIsIdle()
    {
        using var socket = await ConnectRawAsync();
        await socket.SendAsync(Encoding.ASCII.GetBytes("PING\r\n"));
        Assert.Equal("+PONG\r\n", await ReadAsync(socket, "+PONG\r\n".Length)); // forwarded both ways: Redis has its client
        var clientsBefore = await ClientCountAsync();

        Assert.Equal(1, Proxy.CutAll());

        var error = await Assert.ThrowsAsync<SocketException>(() => ReadToEndAsync(socket));
        Assert.Equal(SocketError.ConnectionReset, error.SocketErrorCode);
        await Eventually.TrueAsync(async () => await ClientCountAsync() == clientsBefore - 1, "redis to drop the upstream side", Generous);
        await Eventually.TrueAsync(() => Task.FromResult(Proxy.OpenConnections == 0), "the pair to be dropped", Generous);
    }

    [Fact]
    public async Task CutAll_LeavesNewConnectionsWorking()
    {
        Proxy.CutAll();
        var db = (await ConnectThroughProxyAsync()).GetDatabase();

        Assert.True(await db.StringSetAsync("k", "v"));
    }

    [Fact]
    public async Task RefuseNew_ResetsNewConnections_ButKeepsOpenOnesWorking()
    {
        var connection = await ConnectThroughProxyAsync();
        var open = connection.GetDatabase();
        await open.PingAsync();
        await connection.GetSubscriber().PingAsync(); // both of its connections are up
        var acceptedBefore = Proxy.ConnectionsAccepted;
        var openBefore = Proxy.OpenConnections;

        Proxy.RefuseNew(true);
        var refused = await Record(
            () => ConnectionMultiplexer.ConnectAsync($"{Proxy.Address},abortConnect=true,connectTimeout=2000,connectRetry=1"), "connect while refusing");

        var reset = await Assert.ThrowsAsync<SocketException>(async () =>
        {
            using var socket = await ConnectRawAsync();
            await ReadToEndAsync(socket);
        });

        Assert.IsType<RedisConnectionException>(refused);
        Assert.Equal(SocketError.ConnectionReset, reset.SocketErrorCode);
        Assert.True(Proxy.ConnectionsRefused >= 2);
        Assert.Equal(acceptedBefore, Proxy.ConnectionsAccepted);
        Assert.Equal(openBefore, Proxy.OpenConnections);
        Assert.True(Proxy.IsRefusingNew);
        Assert.True(await open.StringSetAsync("k", "v"));

        Proxy.RefuseNew(false);
        var later = (await ConnectThroughProxyAsync()).GetDatabase();
        Assert.Equal("v", await later.StringGetAsync("k"));
    }

    [Fact]
    public async Task Latency_DelaysEveryRoundTrip_AndKeepsOrder()
    {
        // 100 pipelined commands behind 200 ms each way take well over the 1 s timeout on a busy machine: the test is
        // about order and delay, not about timeouts.
        var db = (await ConnectThroughProxyAsync(commandTimeoutMs: 30_000)).GetDatabase();
        await db.PingAsync();

        Proxy.Latency = TimeSpan.FromMilliseconds(200);
        var watch = Stopwatch.StartNew();
        await db.PingAsync();
        var roundTrip = watch.Elapsed;
        var increments = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => db.StringIncrementAsync("counter")));
        Proxy.Latency = TimeSpan.Zero;

        // The request and its reply each wait: a lower bound only, which no slow machine can break.
        Assert.True(roundTrip >= TimeSpan.FromMilliseconds(350), $"round trip took {roundTrip.TotalMilliseconds:0} ms");
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), increments);
    }

    [Fact]
    public async Task Proxy_ResetsTheClient_WhenTheUpstreamIsDown()
    {
        await Redis.StopAsync();

        // The reset may even arrive before the client's connect completes.
        var error = await Assert.ThrowsAsync<SocketException>(async () =>
        {
            using var socket = await ConnectRawAsync();
            await ReadToEndAsync(socket);
        });
        Assert.Equal(SocketError.ConnectionReset, error.SocketErrorCode);
        await Eventually.TrueAsync(() => Task.FromResult(Proxy.OpenConnections == 0), "the failed pair to be dropped", Generous);
    }

    [Fact]
    public async Task DisposeAsync_ClosesEveryConnectionAndStopsListening_EvenWhileStalled()
    {
        var connection = await ConnectThroughProxyAsync();
        await connection.GetDatabase().PingAsync();
        var failed = new TaskCompletionSource<ConnectionFailedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionFailed += (_, e) => failed.TrySetResult(e);
        using var socket = await ConnectRawAsync();
        await socket.SendAsync(Encoding.ASCII.GetBytes("PING\r\n")); // maybe still on its way when the stall begins
        Proxy.Stall();
        var pending = connection.GetDatabase().PingAsync();

        await Proxy.DisposeAsync().AsTask().WaitAsync(Generous);

        Assert.Equal(0, Proxy.OpenConnections);
        var reset = await Assert.ThrowsAsync<SocketException>(() => ReadToEndAsync(socket));
        Assert.Equal(SocketError.ConnectionReset, reset.SocketErrorCode);
        var refused = await Assert.ThrowsAsync<SocketException>(() => ConnectRawAsync());
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        var args = await failed.Task.WaitAsync(Generous);
        _events.Enqueue($"ConnectionFailed after DisposeAsync: {args.FailureType} {args.ConnectionType} {args.Exception?.GetType().FullName}: {args.Exception?.Message}");
        await Record(() => pending, "PING in flight when disposed");
        await Proxy.DisposeAsync(); // a second time: nothing happens
    }

    // A 1 s command timeout, so that the stall and hold tests see their timeouts quickly; the latency test asks for more.
    private async Task<ConnectionMultiplexer> ConnectThroughProxyAsync(int commandTimeoutMs = 1000)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(
            $"{Proxy.Address},abortConnect=false,syncTimeout={commandTimeoutMs},asyncTimeout={commandTimeoutMs},connectTimeout=2000");
        var id = _disposables.Count;
        connection.ConnectionFailed += (_, e) =>
            _events.Enqueue($"[{id}] ConnectionFailed {e.ConnectionType} {e.FailureType} {e.Exception?.GetType().FullName}: {e.Exception?.Message}");
        connection.ConnectionRestored += (_, e) => _events.Enqueue($"[{id}] ConnectionRestored {e.ConnectionType}");
        connection.InternalError += (_, e) => _events.Enqueue($"[{id}] InternalError {e.Origin} {e.Exception?.GetType().FullName}: {e.Exception?.Message}");
        _disposables.Add(connection);
        return connection;
    }

    private async Task<Socket> ConnectRawAsync()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(Proxy.EndPoint).WaitAsync(Generous);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<string> ReadToEndAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(Generous);
        var text = new StringBuilder();
        var buffer = new byte[4096];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
        {
            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return text.ToString();
    }

    private static async Task<string> ReadAsync(Socket socket, int length)
    {
        using var timeout = new CancellationTokenSource(Generous);
        var buffer = new byte[length];
        var read = 0;
        while (read < length)
        {
            var chunk = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, timeout.Token);
            if (chunk == 0)
            {
                break;
            }

            read += chunk;
        }

        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    private async Task<long> ClientCountAsync()
    {
        var list = (string?)await Direct.ExecuteAsync("CLIENT", "LIST") ?? "";
        return list.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    // Runs what is expected to fail, logs what it threw (or that it did not) and returns the exception.
    private async Task<Exception?> Record(Func<Task> action, string what)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await action();
            _events.Enqueue($"{what}: no exception after {watch.ElapsedMilliseconds} ms");
            return null;
        }
        catch (Exception ex)
        {
            _events.Enqueue($"{what}: {ex.GetType().FullName} after {watch.ElapsedMilliseconds} ms: {ex.Message}");
            return ex;
        }
    }

    private static async Task<bool> PingsAsync(IDatabase db)
    {
        try
        {
            await db.PingAsync();
            return true;
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException)
        {
            return false;
        }
    }
}
