namespace OrleansScheduler.Cli.Cluster;

/// <summary>Opens sessions on the cluster. Commands that need no cluster never call it.</summary>
internal interface IClusterConnector
{
    /// <summary>Connects to the cluster described by <paramref name="settings"/>.</summary>
    /// <exception cref="CliException">The cluster could not be reached in time (exit code 1), or the settings are invalid (exit code 2).</exception>
    Task<IClusterSession> ConnectAsync(ConnectionSettings settings, CancellationToken cancellationToken);
}
