using OrleansScheduler.Redis;

namespace OrleansScheduler.Testing.Fuzzing;

/// <summary>
/// Which written keyspace elements (<see cref="KeyspaceSnapshot.WrittenSince"/>) a rejected request cannot have
/// written, so the fuzz run does not count them against it.
/// </summary>
/// <remarks>
/// Two kinds. The silos' own bookkeeping, written on a timer whatever the requests: the Orleans membership table
/// (<c>{service}/members/{cluster}</c>, whose entries carry each silo's I-am-alive time) and the scheduler's per-silo
/// registries (<c>osched/consumers</c>, <c>osched/processing-lists</c>, <c>osched/processing/{silo}</c>, refreshed by
/// each silo's dispatcher). And the elements of jobs that exist or existed in the run (the fixed jobs, and jobs
/// accepted earlier and deleted since): their runs go on being queued, taken, recorded and claimed after the request
/// that made them, and their reminders are renewed, so their grain state, reminder, history, counts, claims, due and
/// last-enqueued entries change while later requests are answered. An element is a job's when its key ends in
/// <c>/{id}</c> or holds <c>/{id}/</c> (grain state) or <c>{id}@</c> (a run id), or its field or member is the id,
/// starts with <c>{id}@</c>, or holds <c>"jobId":"{id}"</c> (a run document) or <c>"job/{id}"</c> (a reminder entry).
/// Everything else is checked, the grain state and reminders of other ids included.
/// </remarks>
public sealed class KeyspaceRules(string serviceId)
{
    private readonly HashSet<string> _jobIds = new(StringComparer.Ordinal);
    private readonly SchedulerKeys _keys = new(serviceId);

    /// <summary>Notes that job <paramref name="id"/> exists or existed, so its elements may change from now on.</summary>
    public void AddJob(string id)
    {
        lock (_jobIds)
        {
            _jobIds.Add(id);
        }
    }

    /// <summary>The elements of <paramref name="written"/> a request did write: those neither the silo's own nor a known job's.</summary>
    public IReadOnlyList<string> Unexplained(IReadOnlyList<string> written)
    {
        ArgumentNullException.ThrowIfNull(written);
        lock (_jobIds)
        {
            return [.. written.Where(e => !IsSilosOwn(e) && !_jobIds.Any(id => IsJobs(e, id)))];
        }
    }

    private bool IsSilosOwn(string element)
    {
        var key = element.Split('#')[0];
        if (!key.StartsWith(_keys.Prefix, StringComparison.Ordinal))
        {
            // Outside the scheduler's keys, only the clustering provider's membership table writes by itself.
            return key.StartsWith(serviceId + "/members/", StringComparison.Ordinal);
        }

        return key == _keys.Consumers || key == _keys.ProcessingLists || key.StartsWith(_keys.ProcessingPrefix, StringComparison.Ordinal);
    }

    private static bool IsJobs(string element, string id)
    {
        var hash = element.IndexOf('#', StringComparison.Ordinal);
        var key = hash < 0 ? element : element[..hash];
        var field = hash < 0 ? null : element[(hash + 1)..];
        return key.EndsWith("/" + id, StringComparison.Ordinal)
            || key.Contains("/" + id + "/", StringComparison.Ordinal)
            || key.Contains("/" + id + "@", StringComparison.Ordinal)
            || field == id
            || (field is not null && (field.StartsWith(id + "@", StringComparison.Ordinal)
                || field.Contains("\"jobId\":\"" + id + "\"", StringComparison.Ordinal)
                || field.Contains("\"" + id + "@", StringComparison.Ordinal)
                || field.Contains("\"job/" + id + "\"", StringComparison.Ordinal)));
    }
}
