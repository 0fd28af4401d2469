using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using StackExchange.Redis;

namespace OrleansScheduler.Benchmarks.Infrastructure;

/// <summary>
/// An Orleans client of the cluster, connected through Redis clustering as <c>osched</c> connects: the public way
/// in, so registration is measured as an application would see it.
/// </summary>
internal sealed class SchedulerClient : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly IHost _host;
    private readonly IClusterClient _client;

    private SchedulerClient(IHost host)
    {
        _host = host;
        _client = host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>Connects to the cluster whose membership is in <paramref name="redis"/>.</summary>
    public static async Task<SchedulerClient> ConnectAsync(string redis, string serviceId, string clusterId, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = "osched-bench",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // Gateways that are gone (a killed cluster) are expected while connecting.
        builder.Logging.AddFilter("Orleans.Messaging.GatewayManager", LogLevel.Error);
        builder.Logging.AddFilter("Orleans.Runtime.Messaging.ConnectionManager", LogLevel.Error);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = StopTimeout);
        builder.UseOrleansClient(client =>
        {
            client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
            client.Configure<ClusterOptions>(o =>
            {
                o.ServiceId = serviceId;
                o.ClusterId = clusterId;
            });
            client.UseConnectionRetryFilter(new GatewayRetryFilter());
        });
        var host = builder.Build();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ConnectTimeout);
        try
        {
            await host.StartAsync(deadline.Token).ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new SchedulerClient(host);
    }

    /// <summary>The job grain with this id.</summary>
    public IJobGrain Job(string id) => _client.GetGrain<IJobGrain>(id);

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
                // The measurements are taken; a slow goodbye to a gateway changes nothing.
            }
        }

        _host.Dispose();
    }
}
