using StackExchange.Redis;

namespace OrleansScheduler.Cli.Cluster;

/// <summary>
/// Uses a grain factory the caller already has (a test cluster's client, a host's <see cref="IClusterClient"/>) for
/// grain calls, and opens Redis only when the job index is read.
/// </summary>
internal sealed class GrainFactoryConnector(IGrainFactory grainFactory) : IClusterConnector
{
    /// <inheritdoc/>
    public Task<IClusterSession> ConnectAsync(ConnectionSettings settings, CancellationToken cancellationToken) =>
        Task.FromResult<IClusterSession>(new Session(grainFactory, settings));

    private sealed class Session(IGrainFactory grainFactory, ConnectionSettings settings) : IClusterSession
    {
        private ConnectionMultiplexer? _redis;

        public IJobGrain GetJob(string id) => grainFactory.GetGrain<IJobGrain>(id);

        public ISchedulerAdminGrain GetAdmin() => grainFactory.GetGrain<ISchedulerAdminGrain>(0);

        public async Task<IReadOnlyList<string>> ListJobIdsAsync(CancellationToken cancellationToken)
        {
            if (_redis is null)
            {
                try
                {
                    _redis = await ConnectionMultiplexer.ConnectAsync(settings.ParseRedisOptions()).WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (RedisException ex)
                {
                    throw CliException.Failure($"cannot read the job index through {settings}: {ex.Message}", ex);
                }
            }

            return await JobIndex.ReadAllAsync(_redis.GetDatabase(), settings.ServiceId, cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask DisposeAsync()
        {
            if (_redis is not null)
            {
                await _redis.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
