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

    /// <summary>Sorted set of failed runs waiting for their next attempt (member: the run JSON; score: due, Unix ms).</summary>
    public RedisKey Retry => _prefix + "retry";

    /// <summary>Hash: run id → dead letter JSON.</summary>
    public RedisKey DeadLetters => _prefix + "dead";

    /// <summary>Sorted set of dead-lettered run ids by when they died (Unix ms), for listing newest first.</summary>
    public RedisKey DeadLetterIndex => _prefix + "dead-index";

    /// <summary>Hash: job id → runs of the job queued, running or waiting to retry (for the overlap policy).</summary>
    public RedisKey Active => _prefix + "active";

    /// <summary>
    /// Sorted set of job ids by their next due time (Unix ms), kept by the enqueue script: lets any silo find jobs that
    /// are overdue because the silo hosting them died, and wake them without waiting for their reminder.
    /// </summary>
    public RedisKey Due => _prefix + "due";

    /// <summary>Set of every queue name a run was ever pushed to, so that depths cover queues no silo serves (any more).</summary>
    public RedisKey Queues => _prefix + "queues";

    /// <summary>
    /// Hash: silo name → <c>{heartbeat ms} {queue} {queue}…</c>, the queues each silo takes runs from. A silo refreshes its
    /// entry while it runs and removes it when it stops; an entry whose heartbeat is old belongs to a silo that died.
    /// </summary>
    public RedisKey Consumers => _prefix + "consumers";

    /// <summary>
    /// Hash: silo name → cluster id, for every processing list that may hold runs. The fetch script adds its silo in the
    /// same step as it fills the list, so a list is never filled unseen; the recovery removes a dead silo's entry once
    /// its list is empty. Lets the recovery and the depths find every list without scanning the keys.
    /// </summary>
    public RedisKey ProcessingLists => _prefix + "processing-lists";

    /// <summary>The prefix of every queue key; scripts append the queue name.</summary>
    public string QueuePrefix => _prefix + "queue/";

    /// <summary>The prefix of every processing-list key; the silo name follows.</summary>
    public string ProcessingPrefix => _prefix + "processing/";

    /// <summary>List of runs waiting in a queue (pushed left, taken right).</summary>
    public RedisKey Queue(string queue) => QueuePrefix + queue;

    /// <summary>List of runs a silo has taken and not yet acknowledged.</summary>
    public RedisKey Processing(string silo) => ProcessingPrefix + silo;

    /// <summary>The exactly-once claim of one occurrence, kept for the claim TTL.</summary>
    public RedisKey Occurrence(string runId) => _prefix + "occurrence/" + runId;

    /// <summary>A job's capped run history, newest first (JSON entries).</summary>
    public RedisKey History(string jobId) => _prefix + "history/" + jobId;

    /// <summary>Hash: status → count, for one job.</summary>
    public RedisKey Counts(string jobId) => _prefix + "counts/" + jobId;

    /// <summary>
    /// Hash of one job's latest missed occurrence: <c>at</c> (its nominal time, Unix ms) and <c>reason</c>
    /// (<see cref="MissedRun.Misfire"/> or <see cref="MissedRun.Overlap"/>). Written by the scripts that count a skipped
    /// occurrence, in the same step. A key of its own rather than fields of the counts hash: silos of earlier versions
    /// read every field of that hash as a number.
    /// </summary>
    public RedisKey Missed(string jobId) => _prefix + "missed/" + jobId;
}
