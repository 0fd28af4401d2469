using Microsoft.Extensions.Options;
using Orleans.Configuration;
using StackExchange.Redis;

namespace OrleansScheduler.Redis;

/// <summary>
/// Names every Redis key and channel the scheduler uses, all under <c>{ServiceId}/osched/</c>. These names are an
/// upgrade contract (pinned by tests): change them only with a migration.
/// </summary>
public sealed class SchedulerKeys
{
    private readonly string _prefix;

    /// <summary>Creates the key names for a service id.</summary>
    public SchedulerKeys(string serviceId)
    {
        _prefix = serviceId + "/osched/";
        Jobs = _prefix + "jobs";
        LastEnqueued = _prefix + "last-enqueued";
        WakeChannel = RedisChannel.Literal(_prefix + "wake");
    }

    internal SchedulerKeys(IOptions<ClusterOptions> cluster)
        : this(cluster.Value.ServiceId)
    {
    }

    /// <summary>Sorted set of every job id (score 0, so it pages lexically).</summary>
    public RedisKey Jobs { get; }

    /// <summary>Hash: job id → nominal time (Unix ms) of the latest occurrence enqueued.</summary>
    public RedisKey LastEnqueued { get; }

    /// <summary>Pub/sub channel that wakes idle dispatchers when a run is pushed; the message is the queue name.</summary>
    public RedisChannel WakeChannel { get; }

    /// <summary>List of runs waiting in a queue (pushed left, taken right).</summary>
    public RedisKey Queue(string queue) => _prefix + "queue/" + queue;

    /// <summary>List of runs a silo has taken and not yet acknowledged.</summary>
    public RedisKey Processing(string silo) => _prefix + "processing/" + silo;

    /// <summary>The exactly-once claim of one occurrence, kept for the claim TTL.</summary>
    public RedisKey Occurrence(string runId) => _prefix + "occurrence/" + runId;

    /// <summary>A job's capped run history, newest first (JSON entries).</summary>
    public RedisKey History(string jobId) => _prefix + "history/" + jobId;

    /// <summary>Hash: status → count, for one job.</summary>
    public RedisKey Counts(string jobId) => _prefix + "counts/" + jobId;
}
