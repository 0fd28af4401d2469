using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansScheduler.Diagnostics;
using OrleansScheduler.Hosting;
using OrleansScheduler.Redis;
using OrleansScheduler.Settlement;
using StackExchange.Redis;

namespace OrleansScheduler.Execution;

/// <summary>
/// Takes runs from the Redis queues into this silo's processing list and executes them through the local
/// <see cref="IRunWorkerGrain"/>, at most <see cref="JobSchedulerOptions.MaxConcurrentRuns"/> at a time.
/// Idle, it waits for a wake-up message (published with every push) or the poll interval, whichever comes first.
/// </summary>
internal sealed partial class RunDispatcher : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    // Runs taken per round trip at most: enough for a burst to drain at Redis's pace, few enough that the first silo
    // to wake does not take a whole burst while the others idle.
    private const int MaxFetchBatch = 16;

    // A handler's error is stored in history and dead letters: cut, so that a huge message cannot bloat Redis.
    private const int MaxErrorLength = 2_000;

    private readonly RunQueue _queue;
    private readonly RunMaintenance _maintenance;
    private readonly ShutdownSignal _shutdown;
    private readonly SchedulerRedisConnection _connection;
    private readonly IGrainFactory _grains;
    // Resolved once: GetGrain per run (interface-type lookup, reference creation) was 4 % of a silo's CPU in a burst.
    private IRunWorkerGrain? _worker;
    private readonly JobSchedulerOptions _options;
    private readonly TimeProvider _time;
    private readonly SchedulerInstruments _instruments;
    private readonly ILogger<RunDispatcher> _logger;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly string[] _queues;
    private readonly string _clusterId;
    private readonly ISiloStatusOracle _status;
    private int _inFlight;

    // The runs this silo is executing, by their queue entry: anything else in its processing list is stranded.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _running = new(StringComparer.Ordinal);
    private Task _loop = Task.CompletedTask;
    private ChannelMessageQueue? _subscription;

    public RunDispatcher(
        RunQueue queue,
        RunMaintenance maintenance,
        ShutdownSignal shutdown,
        SchedulerRedisConnection connection,
        IGrainFactory grains,
        ILocalSiloDetails silo,
        ISiloStatusOracle status,
        IOptions<ClusterOptions> cluster,
        IOptions<JobSchedulerOptions> options,
        [FromKeyedServices(JobSchedulerTimeProviderNames.Scheduler)] TimeProvider time,
        SchedulerInstruments instruments,
        ILogger<RunDispatcher> logger)
    {
        _queue = queue;
        _maintenance = maintenance;
        _shutdown = shutdown;
        _connection = connection;
        _grains = grains;
        _options = options.Value;
        _time = time;
        _instruments = instruments;
        _logger = logger;
        _slots = new SemaphoreSlim(_options.MaxConcurrentRuns, _options.MaxConcurrentRuns);
        _queues = [.. _options.Queues];
        SiloName = silo.SiloAddress.ToParsableString();
        ProcessingKey = queue.Keys.Processing(SiloName);
        _clusterId = cluster.Value.ClusterId;
        _status = status;
    }

    /// <summary>This silo's name in run history and in its processing list's key.</summary>
    public string SiloName { get; }

    public RedisKey ProcessingKey { get; }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(RunDispatcher), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var multiplexer = await _connection.GetMultiplexerAsync().ConfigureAwait(false);
        try
        {
            _subscription = await multiplexer.GetSubscriber().SubscribeAsync(RedisChannel.Literal(_queue.Keys.WakeChannel)).ConfigureAwait(false);
            _subscription.OnMessage(_ => Wake());
        }
        catch (Exception ex) when (RedisFailures.IsTransient(ex, cancellationToken))
        {
            // Without the subscription the dispatcher still polls; the multiplexer resubscribes when Redis returns.
            LogFetchFailed(_logger, ex);
        }

        _loop = Task.Run(() => RunLoopAsync(_stopping.Token), CancellationToken.None);
        LogStarted(_logger, SiloName, string.Join(", ", _queues), _options.MaxConcurrentRuns);
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_subscription is not null)
        {
            await _subscription.UnsubscribeAsync().ConfigureAwait(false);
        }

        await _loop.ConfigureAwait(false);
        // Runs in flight get the grace period to finish. Whatever is still unsettled then goes back to the queue for
        // another silo first, and only then are the handlers cancelled: an attempt cut short by the shutdown is handed
        // back, never settled as failed (which would burn an attempt, or dead-letter a run that did not fail). Nothing
        // is lost; a handed-back run may run twice.
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        grace.CancelAfter(_options.ShutdownGracePeriod);
        while (Volatile.Read(ref _inFlight) > 0 && !grace.IsCancellationRequested)
        {
            await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
        }

        var unfinished = Volatile.Read(ref _inFlight);
        long handedBack = 0;
        try
        {
            handedBack = await _maintenance.RecoverAsync(SiloName, release: true).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFailures.IsTransient(ex, CancellationToken.None))
        {
            // Redis is unreachable: the list stays, and survivors recover it once this silo is declared dead.
            LogFetchFailed(_logger, ex);
        }

        _shutdown.Cancel();
        LogStopped(_logger, SiloName, unfinished, handedBack);
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _wake.Dispose();
        _slots.Dispose();
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another message woke the loop first; one pending wake-up is enough.
            }
        }
    }

    private async Task RunLoopAsync(CancellationToken stopping)
    {
        var failures = 0;
        var next = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _slots.WaitAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (_status.CurrentStatus != SiloStatus.Active)
            {
                // Told it is dead (declared dead while frozen or cut off), this silo is about to stop: runs it took now
                // would only wait for the survivors to hand them back.
                _slots.Release();
                await DelayAsync(_options.PollInterval, stopping).ConfigureAwait(false);
                continue;
            }

            // Fetch as many runs as there are free slots (up to a batch) in one round trip each queue.
            var free = 1;
            while (free < MaxFetchBatch && _slots.Wait(0, CancellationToken.None))
            {
                free++;
            }

            var fetched = 0;
            try
            {
                for (var i = 0; i < _queues.Length && fetched < free; i++)
                {
                    foreach (var raw in await _queue.FetchAsync(_queues[(next + i) % _queues.Length], SiloName, _clusterId, free - fetched).ConfigureAwait(false))
                    {
                        fetched++;
                        Start(raw);
                    }
                }

                next++;
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                // Whatever failed, the loop goes on with backoff: a dispatcher that stopped would strand its queues.
                _slots.Release(free - fetched);
                if (failures++ == 0)
                {
                    LogFetchFailed(_logger, ex);
                }

                await DelayAsync(TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 100 * Math.Pow(2, failures))), stopping).ConfigureAwait(false);
                continue;
            }

            if (fetched < free)
            {
                _slots.Release(free - fetched);
            }

            if (failures > 0)
            {
                // A fetch that failed on this side may still have run in Redis (a timeout while Redis was frozen),
                // leaving runs in this silo's processing list that nobody executes: adopt such runs now.
                failures = 0;
                await AdoptStrandedAsync(stopping).ConfigureAwait(false);
                continue;
            }

            if (fetched == 0)
            {
                try
                {
                    await _wake.WaitAsync(_options.PollInterval, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Executes a run that holds a slot.</summary>
    private void Start(RedisValue raw)
    {
        Interlocked.Increment(ref _inFlight);
        _running[raw.ToString()] = true;
        _ = ExecuteAsync(raw);
    }

    /// <summary>Executes the runs in this silo's processing list that it is not running (stranded by a failed fetch).</summary>
    private async Task AdoptStrandedAsync(CancellationToken stopping)
    {
        try
        {
            var db = await _connection.GetDatabaseAsync().ConfigureAwait(false);
            foreach (var raw in await db.ListRangeAsync(ProcessingKey).ConfigureAwait(false))
            {
                if (_running.ContainsKey(raw.ToString()))
                {
                    continue;
                }

                await _slots.WaitAsync(stopping).ConfigureAwait(false);
                // Checked again now that a slot is free: the list was read before the wait, and a run this silo was
                // executing may have finished meanwhile. Settling removes a run from the list before it leaves
                // _running, so a run that is in neither any more was settled and must not start again.
                if (_running.ContainsKey(raw.ToString()) || await db.ListPositionAsync(ProcessingKey, raw).ConfigureAwait(false) < 0)
                {
                    _slots.Release();
                    continue;
                }

                LogAdopted(_logger, Truncate(raw.ToString()));
                Start(raw);
            }
        }
        catch (Exception ex) when (RedisFailures.IsTransient(ex, stopping))
        {
            // Still unreachable: the next failure-then-success round adopts them.
            LogFetchFailed(_logger, ex);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the hand-back at shutdown returns them to the queue.
        }
    }

    private async Task ExecuteAsync(RedisValue raw)
    {
        try
        {
            var message = Deserialize(raw);
            if (message is null)
            {
                // Not a run this version can read: drop it from processing rather than retry it forever. Never executed.
                LogUnreadable(_logger, Truncate(raw.ToString()));
                await WithRetriesAsync("?", () => _queue.DropAsync(ProcessingKey, raw)).ConfigureAwait(false);
                return;
            }

            // The run's span is current while the worker runs it: with Orleans' activity propagation the handler's own
            // spans (an HTTP call, say) nest under it.
            using var activity = SchedulerActivities.StartRun(message, SiloName);
            RunOutcome outcome;
            try
            {
                outcome = await (_worker ??= _grains.GetGrain<IRunWorkerGrain>(0)).Execute(ToRequest(message)).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                var now = _time.GetUtcNow();
                outcome = new RunOutcome { Status = RunStatus.Failed, StartedAt = now, FinishedAt = now, Error = $"{ex.GetType().Name}: {ex.Message}" };
            }

            if (outcome.Interrupted)
            {
                // Cut short by this silo's shutdown after its hand-back: the run is on its queue again (or, if Redis was
                // unreachable, still in this silo's list for the survivors to recover). Not an attempt that failed.
                LogInterrupted(_logger, message.RunId);
                return;
            }

            var disposition = outcome.Status == RunStatus.Succeeded ? RunDisposition.Done
                : message.Attempt < message.MaxAttempts ? RunDisposition.Retry
                : RunDisposition.Dead;
            var status = disposition == RunDisposition.Dead ? RunStatus.DeadLettered : outcome.Status;
            _instruments.RecordFinished(status, outcome.FinishedAt - outcome.StartedAt);
            SchedulerActivities.SetOutcome(activity, status, outcome.Error);
            await SettleAsync(raw, message, outcome, disposition, status).ConfigureAwait(false);
        }
        finally
        {
            _running.TryRemove(raw.ToString(), out _);
            Interlocked.Decrement(ref _inFlight);
            _slots.Release();
        }
    }

    private Task SettleAsync(RedisValue raw, RunMessage message, RunOutcome outcome, RunDisposition disposition, RunStatus status)
    {
        var finished = outcome.FinishedAt;
        var error = outcome.Error is { Length: > MaxErrorLength } text ? text[..MaxErrorLength] + "…" : outcome.Error;
        var entry = new HistoryEntry
        {
            RunId = message.RunId,
            JobId = message.JobId,
            Occurrence = message.Occurrence,
            Attempt = message.Attempt,
            Status = status,
            Silo = SiloName,
            StartedAt = outcome.StartedAt.ToUnixTimeMilliseconds(),
            FinishedAt = finished.ToUnixTimeMilliseconds(),
            Error = error,
        };
        RunMessage? retry = null;
        var retryDue = finished;
        DeadLetterEntry? dead = null;
        if (disposition == RunDisposition.Retry)
        {
            // A retry is a new attempt of the same run: same run id, so handlers can deduplicate.
            retry = message with { Attempt = message.Attempt + 1, EnqueuedAt = finished.ToUnixTimeMilliseconds() };
            retryDue = finished + RetryBackoff.Compute(message.Attempt, _options.RetryBaseDelay, _options.RetryMaxDelay, Random.Shared);
        }
        else if (disposition == RunDisposition.Dead)
        {
            dead = new DeadLetterEntry
            {
                RunId = message.RunId,
                JobId = message.JobId,
                Occurrence = message.Occurrence,
                Attempts = message.Attempt,
                Handler = message.Handler,
                Queue = message.Queue,
                Error = error,
                DeadAt = finished.ToUnixTimeMilliseconds(),
                Silo = SiloName,
                Requeue = System.Text.Json.JsonSerializer.Serialize(message with { Attempt = 1 }, RunJsonContext.Default.RunMessage),
            };
            LogDeadLettered(_logger, message.RunId, message.Attempt, error);
        }

        return WithRetriesAsync(message.RunId, async () =>
        {
            var (_, dropped) = await _queue.CompleteAsync(ProcessingKey, raw, entry, disposition, retry, retryDue, dead).ConfigureAwait(false);
            if (dropped > 0)
            {
                _instruments.RecordDeadLettersDropped(dropped);
                LogDeadLettersDropped(_logger, dropped, _options.DeadLetterLimit, _options.DeadLetterRetention);
            }
        });
    }

    private async Task WithRetriesAsync(string runId, Func<Task> settle)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await settle().ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (RedisFailures.IsTransient(ex))
            {
                // Until the run is settled it stays in this silo's processing list: at worst it runs again, never lost.
                LogAckFailed(_logger, runId, attempt, ex);
                if (attempt >= 30)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 100 * Math.Pow(2, attempt))), CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private RunRequest ToRequest(RunMessage message) => new()
    {
        RunId = message.RunId,
        JobId = message.JobId,
        Occurrence = DateTimeOffset.FromUnixTimeMilliseconds(message.Occurrence),
        Attempt = message.Attempt,
        Handler = message.Handler,
        Payload = message.Payload,
        Timeout = message.TimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : _options.DefaultRunTimeout,
    };

    private static RunMessage? Deserialize(RedisValue raw)
    {
        try
        {
            return RunQueue.Deserialize(raw);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private static async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
