using StackExchange.Redis;

namespace OrleansScheduler.Benchmarks.Infrastructure;

/// <summary>
/// The few scheduler keys the harness reads, named as the scheduler's <c>SchedulerKeys</c> names them. The harness
/// reads Redis directly instead of referencing the silo library (it is a client); the names are an upgrade contract
/// pinned by <c>StoredFormatTests</c>, so they do not drift apart silently.
/// </summary>
/// <param name="serviceId">The cluster's Orleans service id.</param>
internal sealed class SchedulerKeyNames(string serviceId)
{
    private readonly string _prefix = serviceId + "/osched/";

    /// <summary>Hash: job id → nominal time of its latest enqueued occurrence.</summary>
    public RedisKey LastEnqueued => _prefix + "last-enqueued";

    /// <summary>Hash: job id → runs queued, running or waiting to retry.</summary>
    public RedisKey Active => _prefix + "active";

    /// <summary>List of runs waiting in a queue.</summary>
    public RedisKey Queue(string queue) => _prefix + "queue/" + queue;

    /// <summary>A job's capped run history, newest first.</summary>
    public RedisKey History(string jobId) => _prefix + "history/" + jobId;
}
