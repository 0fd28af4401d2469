namespace OrleansScheduler.Cli.Cluster;

/// <summary>An open connection to the cluster: the job grains, the admin grain, and the index of job ids.</summary>
internal interface IClusterSession : IAsyncDisposable
{
    /// <summary>Gets a reference to the grain of a job. Makes no call.</summary>
    IJobGrain GetJob(string id);

    /// <summary>Gets a reference to the admin grain (dead letters, queue depths; a stateless worker, key 0). Makes no call.</summary>
    ISchedulerAdminGrain GetAdmin();

    /// <summary>Reads the ids of all jobs from the silo's job index, in index order, each once.</summary>
    Task<IReadOnlyList<string>> ListJobIdsAsync(CancellationToken cancellationToken);
}
