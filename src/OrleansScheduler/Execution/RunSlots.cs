using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OrleansScheduler.Hosting;
using StackExchange.Redis;

namespace OrleansScheduler.Execution;

/// <summary>
/// The places for attempts on this silo (<see cref="JobSchedulerOptions.MaxConcurrentRuns"/>), and the runs it is
/// executing, by their entry in its processing list: anything else in that list is stranded.
/// </summary>
internal sealed class RunSlots(IOptions<JobSchedulerOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _free = new(options.Value.MaxConcurrentRuns, options.Value.MaxConcurrentRuns);
    private readonly ConcurrentDictionary<string, bool> _running = new(StringComparer.Ordinal);
    private int _inFlight;

    /// <summary>How many runs are executing.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Waits for a free slot and takes it.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _free.WaitAsync(cancellationToken);

    /// <summary>Takes up to <paramref name="max"/> slots that are free now, without waiting; returns how many.</summary>
    public int TakeFree(int max)
    {
        var taken = 0;
        while (taken < max && _free.Wait(0, CancellationToken.None))
        {
            taken++;
        }

        return taken;
    }

    /// <summary>Gives back slots that were taken and not used.</summary>
    public void Release(int count = 1)
    {
        if (count > 0)
        {
            _free.Release(count);
        }
    }

    /// <summary>A run starts in a slot it holds: it counts as in flight and as running.</summary>
    public void Begin(RedisValue raw)
    {
        Interlocked.Increment(ref _inFlight);
        _running[raw.ToString()] = true;
    }

    /// <summary>
    /// A run has ended and its settle call returned: it leaves the running set, and its slot is free. Called after the
    /// settle, so that a run that is neither running nor in the processing list was settled (the adopter relies on it).
    /// </summary>
    public void End(RedisValue raw)
    {
        _running.TryRemove(raw.ToString(), out _);
        Interlocked.Decrement(ref _inFlight);
        _free.Release();
    }

    /// <summary>Whether this silo is executing the run with that entry.</summary>
    public bool IsRunning(RedisValue raw) => _running.ContainsKey(raw.ToString());

    /// <inheritdoc/>
    public void Dispose() => _free.Dispose();
}
