namespace OrleansScheduler.Cli.Tests.Support;

/// <summary>
/// An in-memory job grain that behaves like the silo's at its contract: unchanged specs keep UpdatedAt, missing jobs
/// throw <see cref="JobNotFoundException"/>, and two handler names provoke the silo's failures.
/// </summary>
internal sealed class FakeJobGrain(string id, FakeCluster cluster) : IJobGrain
{
    /// <summary>A handler name the fake silo rejects with a <see cref="JobValidationException"/>.</summary>
    public const string UnknownHandler = "unknown-handler";

    /// <summary>A handler name whose Schedule call fails like a broken cluster.</summary>
    public const string FailingHandler = "failing-handler";

    private readonly List<RunRecord> _history = [];

    public JobInfo? Job { get; set; }

    public int ScheduleCalls { get; private set; }

    public Task<JobInfo> Schedule(JobSpec spec)
    {
        ScheduleCalls++;
        if (spec.Handler == UnknownHandler)
        {
            throw new JobValidationException([$"handler: \"{spec.Handler}\" is not a registered handler"]);
        }

        if (spec.Handler == FailingHandler)
        {
            throw new TimeoutException("Response did not arrive on time");
        }

        var now = cluster.Time.GetUtcNow();
        if (Job is not null && Job.Spec == spec)
        {
            return Task.FromResult(Job);
        }

        Job = new JobInfo { Id = id, Spec = spec, CreatedAt = Job?.CreatedAt ?? now, UpdatedAt = now, NextDue = now.AddMinutes(1) };
        cluster.Index(id);
        return Task.FromResult(Job);
    }

    public Task<JobInfo?> Get() => Task.FromResult(Job);

    public Task<JobInfo> Pause() => Task.FromResult(Job = Existing() with { Paused = true, NextDue = null });

    public Task<JobInfo> Resume() => Task.FromResult(Job = Existing() with { Paused = false, NextDue = cluster.Time.GetUtcNow().AddMinutes(1) });

    public Task<string> Trigger()
    {
        var job = Existing();
        var runId = $"{job.Id}@manual-1";
        _history.Insert(0, new RunRecord { RunId = runId, JobId = job.Id, Occurrence = cluster.Time.GetUtcNow(), Status = RunStatus.Succeeded });
        return Task.FromResult(runId);
    }

    public Task<bool> Delete()
    {
        var existed = Job is not null;
        Job = null;
        _history.Clear();
        return Task.FromResult(existed);
    }

    public Task<IReadOnlyList<RunRecord>> GetHistory(int limit) => Task.FromResult<IReadOnlyList<RunRecord>>([.. _history.Take(limit)]);

    public void AddHistory(RunRecord run) => _history.Insert(0, run);

    private JobInfo Existing() => Job ?? throw new JobNotFoundException(id);
}
