using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime.Messaging;
using StackExchange.Redis;

namespace OrleansScheduler.Cli.Cluster;

/// <summary>
/// An Orleans client host connected to the cluster through Redis clustering, sharing one Redis connection with
/// the job index reader. Orleans logs only warnings and errors, to stderr.
/// </summary>
internal sealed class ClusterConnection : IClusterSession
{
    /// <summary>How long stopping the client may take before it is abandoned.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly IHost _host;
    private readonly IClusterClient _client;
    private readonly ConnectionMultiplexer _redis;
    private readonly ConnectionSettings _settings;

    private ClusterConnection(IHost host, ConnectionMultiplexer redis, ConnectionSettings settings)
    {
        _host = host;
        _client = host.Services.GetRequiredService<IClusterClient>();
        _redis = redis;
        _settings = settings;
    }

    /// <summary>Connects to Redis, then starts the Orleans client, all within <paramref name="timeout"/>.</summary>
    /// <exception cref="CliException">Redis or every gateway is unreachable (exit code 1); the Redis string is invalid (exit code 2).</exception>
    public static async Task<ClusterConnection> ConnectAsync(ConnectionSettings settings, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var redisOptions = settings.ParseRedisOptions();
        if (!settings.Redis.Contains("connectRetry=", StringComparison.OrdinalIgnoreCase))
        {
            // One attempt: a refused connection then fails at once instead of after three paced retries.
            redisOptions.ConnectRetry = 1;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);

        ConnectionMultiplexer redis;
        try
        {
            redis = await ConnectionMultiplexer.ConnectAsync(redisOptions).WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when ((ex is RedisException or OperationCanceledException) && !cancellationToken.IsCancellationRequested)
        {
            throw Unreachable(settings, DescribeRedisFailure(ex, timeout), ex);
        }

        var retryFilter = new ConnectRetryFilter();
        var host = BuildHost(settings, redisOptions, redis, retryFilter);
        try
        {
            await host.StartAsync(deadline.Token).ConfigureAwait(false);
            return new ClusterConnection(host, redis, settings);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            await redis.DisposeAsync().ConfigureAwait(false);
            throw Unreachable(settings, DescribeClientFailure(ex is OperationCanceledException ? retryFilter.LastError : ex, timeout), ex);
        }
        catch
        {
            host.Dispose();
            await redis.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc/>
    public IJobGrain GetJob(string id) => _client.GetGrain<IJobGrain>(id);

    /// <inheritdoc/>
    public ISchedulerAdminGrain GetAdmin() => _client.GetGrain<ISchedulerAdminGrain>(0);

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> ListJobIdsAsync(CancellationToken cancellationToken) =>
        JobIndex.ReadAllAsync(_redis.GetDatabase(), _settings.ServiceId, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(StopTimeout))
        {
            try
            {
                await _host.StopAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The work is done; a slow goodbye to the gateway must not fail the command.
            }
        }

        _host.Dispose();
        await _redis.DisposeAsync().ConfigureAwait(false);
    }

    private static string DescribeRedisFailure(Exception exception, TimeSpan timeout) => exception switch
    {
        OperationCanceledException => $"Redis did not answer within {timeout.TotalSeconds:0} s",
        RedisConnectionException { FailureType: ConnectionFailureType.UnableToConnect, InnerException: null } =>
            "nothing accepted a Redis connection there (UnableToConnect)",
        RedisConnectionException { InnerException: { } inner } connection => $"Redis connection failed ({connection.FailureType}: {inner.Message})",
        RedisConnectionException connection => $"Redis connection failed ({connection.FailureType})",
        _ => exception.Message,
    };

    private static string DescribeClientFailure(Exception? exception, TimeSpan timeout) => exception switch
    {
        null => $"no silo answered within {timeout.TotalSeconds:0} s",
        SiloUnavailableException => $"no active silo is registered under this service id and cluster id (waited {timeout.TotalSeconds:0} s)",
        ConnectionFailedException => $"no registered silo accepted a connection (waited {timeout.TotalSeconds:0} s): {exception.Message}",
        RedisException => $"Redis failed: {exception.Message}",
        _ => exception.Message,
    };

    private static CliException Unreachable(ConnectionSettings settings, string reason, Exception innerException) =>
        CliException.Failure($"cannot reach the cluster through {settings}: {reason}", innerException);

    private static IHost BuildHost(ConnectionSettings settings, ConfigurationOptions redisOptions, ConnectionMultiplexer redis, ConnectRetryFilter retryFilter)
    {
        // DisableDefaults: a CLI must not pick up appsettings.json or DOTNET_ variables from wherever it is run.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = "osched",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);

        // Failing to connect is reported by osched itself, once, with the address tried.
        builder.Logging.AddFilter("Orleans.Messaging.GatewayManager", LogLevel.Error);
        builder.Logging.AddFilter("Orleans.Runtime.Messaging.ConnectionManager", LogLevel.Error);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = StopTimeout);
        builder.UseOrleansClient(client =>
        {
            client.UseRedisClustering(o =>
            {
                o.ConfigurationOptions = redisOptions;
                o.CreateMultiplexer = _ => Task.FromResult<(IConnectionMultiplexer, bool)>((redis, true));
            });
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ServiceId;
            });
            client.UseConnectionRetryFilter(retryFilter);
        });
        return builder.Build();
    }
}
