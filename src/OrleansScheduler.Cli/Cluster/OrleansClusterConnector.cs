namespace OrleansScheduler.Cli.Cluster;

/// <summary>Connects through Redis clustering as an Orleans client (<see cref="ClusterConnection"/>).</summary>
/// <param name="connectTimeout">How long connecting may take before the cluster is reported unreachable.</param>
internal sealed class OrleansClusterConnector(TimeSpan connectTimeout) : IClusterConnector
{
    /// <summary>The default connect deadline.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(15);

    /// <inheritdoc/>
    public async Task<IClusterSession> ConnectAsync(ConnectionSettings settings, CancellationToken cancellationToken) =>
        await ClusterConnection.ConnectAsync(settings, connectTimeout, cancellationToken).ConfigureAwait(false);
}
