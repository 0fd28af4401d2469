using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansScheduler.Hosting;
using StackExchange.Redis;

namespace OrleansScheduler.Redis;

/// <summary>
/// The one Redis multiplexer of a silo, shared by the scheduler and Orleans' Redis providers and disposed with the
/// silo. It connects on first use and, with <c>abortConnect=false</c>, keeps reconnecting in the background while
/// Redis is unreachable instead of failing the silo.
/// </summary>
public sealed partial class SchedulerRedisConnection : IAsyncDisposable
{
    private readonly ConfigurationOptions _configuration;
    private readonly ILogger<SchedulerRedisConnection> _logger;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private ConnectionMultiplexer? _multiplexer;

    /// <summary>Creates the connection from the scheduler options (nothing is connected yet).</summary>
    public SchedulerRedisConnection(IOptions<JobSchedulerOptions> options, ILogger<SchedulerRedisConnection> logger)
    {
        _configuration = CreateConfiguration(options.Value.Redis ?? "");
        _logger = logger;
    }

    /// <summary>The client configuration, for providers that insist on seeing one.</summary>
    public ConfigurationOptions Configuration => _configuration.Clone();

    /// <summary>Parses a configuration string with the settings the scheduler relies on.</summary>
    public static ConfigurationOptions CreateConfiguration(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ClientName ??= "orleans-scheduler";
        // Replies complete on the .NET thread pool, where their continuations run anyway, instead of on the
        // library's dedicated threads: one thread hop fewer per command, which halves a silo's CPU at steady load
        // together with the silo's thread-pool spin limit (docs/performance.md). The scheduler never blocks on Redis.
        options.SocketManager ??= SocketManager.ThreadPool;
        return options;
    }

    /// <summary>Gets the multiplexer, connecting it on first use.</summary>
    public async Task<IConnectionMultiplexer> GetMultiplexerAsync()
    {
        if (_multiplexer is { } existing)
        {
            return existing;
        }

        await _connectLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_multiplexer is null)
            {
                var multiplexer = await ConnectionMultiplexer.ConnectAsync(_configuration).ConfigureAwait(false);
                multiplexer.ConnectionFailed += (_, e) => LogConnectionFailed(_logger, e.EndPoint?.ToString(), e.FailureType, e.Exception);
                multiplexer.ConnectionRestored += (_, e) => LogConnectionRestored(_logger, e.EndPoint?.ToString());
                LogConnected(_logger, _configuration.ToString(includePassword: false), multiplexer.IsConnected);
                _multiplexer = multiplexer;
            }

            return _multiplexer;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    /// <summary>Gets the database, connecting on first use.</summary>
    public async Task<IDatabase> GetDatabaseAsync() => (await GetMultiplexerAsync().ConfigureAwait(false)).GetDatabase();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_multiplexer is { } multiplexer)
        {
            await multiplexer.DisposeAsync().ConfigureAwait(false);
        }

        _connectLock.Dispose();
    }

    [LoggerMessage(1, LogLevel.Information, "Redis connection created for {Configuration} (connected: {Connected})")]
    private static partial void LogConnected(ILogger logger, string configuration, bool connected);

    [LoggerMessage(2, LogLevel.Warning, "Redis connection to {EndPoint} failed ({FailureType}); retrying in the background")]
    private static partial void LogConnectionFailed(ILogger logger, string? endPoint, ConnectionFailureType failureType, Exception? exception);

    [LoggerMessage(3, LogLevel.Information, "Redis connection to {EndPoint} restored")]
    private static partial void LogConnectionRestored(ILogger logger, string? endPoint);
}
