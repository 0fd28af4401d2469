namespace OrleansScheduler.Cli.Tests.Support;

/// <summary>
/// An in-memory admin grain that behaves like the silo's at its contract: dead letters newest first, the limit
/// checked, a requeued run leaves the dead letters, and an unknown run id is reported with false.
/// </summary>
internal sealed class FakeAdminGrain : ISchedulerAdminGrain
{
    private readonly List<DeadLetter> _deadLetters = [];

    /// <summary>What <see cref="GetQueueDepths"/> returns.</summary>
    public QueueDepths Depths { get; set; } = new() { Queued = new Dictionary<string, long> { ["default"] = 0 }, Processing = new Dictionary<string, long>() };

    /// <summary>The limits <see cref="GetDeadLetters"/> was called with, in order.</summary>
    public List<int> Limits { get; } = [];

    /// <summary>The run ids requeued, in order.</summary>
    public List<string> Requeued { get; } = [];

    /// <summary>When set, every call fails with this error, like a broken cluster.</summary>
    public Exception? CallFailure { get; set; }

    public void AddDeadLetter(DeadLetter deadLetter) => _deadLetters.Add(deadLetter);

    public Task<IReadOnlyList<DeadLetter>> GetDeadLetters(int limit)
    {
        ThrowIfFailing();
        if (limit is < 1 or > 10_000)
        {
            throw new JobValidationException([$"limit: {limit} is outside 1-10000"]);
        }

        Limits.Add(limit);
        return Task.FromResult<IReadOnlyList<DeadLetter>>([.. _deadLetters.OrderByDescending(d => d.DeadLetteredAt).Take(limit)]);
    }

    public Task<bool> Requeue(string runId)
    {
        ThrowIfFailing();
        var index = _deadLetters.FindIndex(d => d.RunId == runId);
        if (index < 0)
        {
            return Task.FromResult(false);
        }

        _deadLetters.RemoveAt(index);
        Requeued.Add(runId);
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<string>> GetJobIds(string? after, int limit) =>
        throw new NotSupportedException("the CLI reads job ids from the Redis index");

    public Task<QueueDepths> GetQueueDepths()
    {
        ThrowIfFailing();
        return Task.FromResult(Depths);
    }

    private void ThrowIfFailing()
    {
        if (CallFailure is { } failure)
        {
            throw failure;
        }
    }
}
