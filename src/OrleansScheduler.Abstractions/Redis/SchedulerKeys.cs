namespace OrleansScheduler.Redis;

/// <summary>
/// Names every Redis key and channel the scheduler uses, all under <c>{ServiceId}/osched/</c>: the one definition the
/// silo library, osched and the test and benchmark harnesses share. These names are an upgrade contract (pinned by
/// tests): change them only with a migration.
/// </summary>
/// <remarks>
/// The names are strings, so that this assembly needs no Redis client: StackExchange.Redis's <c>RedisKey</c> converts
/// from a string implicitly; subscribe and publish with <c>RedisChannel.Literal(WakeChannel)</c>.
/// </remarks>
public sealed class SchedulerKeys
{
    /// <summary>Creates the key names for a service id (the Orleans <c>ClusterOptions.ServiceId</c>).</summary>
    public SchedulerKeys(string serviceId)
    {
        Prefix = serviceId + "/osched/";
        Jobs = Prefix + "jobs";
        LastEnqueued = Prefix + "last-enqueued";
        WakeChannel = Prefix + "wake";
    }

    /// <summary>What every key and channel name starts with: <c>{ServiceId}/osched/</c>.</summary>
    public string Prefix { get; }

    /// <summary>Sorted set of every job id (score 0, so it pages lexically).</summary>
    public string Jobs { get; }

    /// <summary>Hash: job id → nominal time (Unix ms) of the latest occurrence enqueued.</summary>
    public string LastEnqueued { get; }

    /// <summary>Pub/sub channel (a literal name) that wakes idle fetchers when a run is pushed; the message is the queue name.</summary>
    public string WakeChannel { get; }

    /// <summary>Sorted set of failed runs waiting for their next attempt (member: the run JSON; score: due, Unix ms).</summary>
    public string Retry => Prefix + "retry";

    /// <summary>Hash: run id → dead letter JSON.</summary>
    public string DeadLetters => Prefix + "dead";

    /// <summary>Sorted set of dead-lettered run ids by when they died (Unix ms), for listing newest first.</summary>
    public string DeadLetterIndex => Prefix + "dead-index";

    /// <summary>Hash: job id → runs of the job queued, running or waiting to retry (for the overlap policy).</summary>
    public string Active => Prefix + "active";

    /// <summary>
    /// Sorted set of job ids by their next due time (Unix ms), kept by the enqueue script: lets any silo find jobs that
    /// are overdue because the silo hosting them died, and wake them without waiting for their reminder.
    /// </summary>
    public string Due => Prefix + "due";

    /// <summary>Set of every queue name a run was ever pushed to, so that depths cover queues no silo serves (any more).</summary>
    public string Queues => Prefix + "queues";

    /// <summary>
    /// Hash: silo name → <c>{clusterId} {queue} {queue}…</c>, the queues each silo takes runs from. A silo writes its entry
    /// when it starts and rewrites it periodically (the same value, so only a Redis that lost it sees a change), and removes
    /// it when it stops. An entry of this cluster whose silo membership declares dead is removed by the next reader; one
    /// of another cluster under the same service id counts until its silo removes it.
    /// </summary>
    public string Consumers => Prefix + "consumers";

    /// <summary>
    /// Hash: silo name → cluster id, for every processing list that may hold runs. The fetch script adds its silo in the
    /// same step as it fills the list, so a list is never filled unseen; the recovery removes a dead silo's entry once
    /// its list is empty. Lets the recovery and the depths find every list without scanning the keys.
    /// </summary>
    public string ProcessingLists => Prefix + "processing-lists";

    /// <summary>The prefix of every queue key; scripts append the queue name.</summary>
    public string QueuePrefix => Prefix + "queue/";

    /// <summary>The prefix of every processing-list key; the silo name follows.</summary>
    public string ProcessingPrefix => Prefix + "processing/";

    /// <summary>List of runs waiting in a queue (pushed left, fetched right).</summary>
    public string Queue(string queue) => QueuePrefix + queue;

    /// <summary>List of runs a silo has fetched and not yet settled (its processing list).</summary>
    public string Processing(string silo) => ProcessingPrefix + silo;

    /// <summary>The exactly-once claim of one occurrence, kept for the claim TTL.</summary>
    public string Occurrence(string runId) => Prefix + "occurrence/" + runId;

    /// <summary>A job's capped run history, newest first (JSON entries).</summary>
    public string History(string jobId) => Prefix + "history/" + jobId;

    /// <summary>Hash: status → count, for one job.</summary>
    public string Counts(string jobId) => Prefix + "counts/" + jobId;

    /// <summary>
    /// Hash of one job's latest missed occurrence: <c>at</c> (its nominal time, Unix ms) and <c>reason</c>
    /// (<see cref="MissedRun.Misfire"/> or <see cref="MissedRun.Overlap"/>). Written by the scripts that count a skipped
    /// occurrence, in the same step. A key of its own rather than fields of the counts hash: silos of earlier versions
    /// read every field of that hash as a number.
    /// </summary>
    public string Missed(string jobId) => Prefix + "missed/" + jobId;
}
