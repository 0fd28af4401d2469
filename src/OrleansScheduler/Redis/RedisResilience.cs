using Polly;
using Polly.Retry;

namespace OrleansScheduler.Redis;

/// <summary>
/// How the scheduler retries Redis work while Redis is unreachable, frozen or restarting: the one place that knows the
/// delays. Three shapes cover every loop. <see cref="Settle"/>: a bounded exponential backoff for one settle call.
/// <see cref="FetchRound"/>: an unbounded exponential backoff for the fetch loop, whatever failed. <see cref="Loop"/>: a
/// steady pace for the background loops. Failures are classified by <see cref="RedisFailures"/>.
/// </summary>
/// <remarks>
/// The job grain does not use a pipeline: a delay inside a grain turn would hold the non-reentrant grain (and block
/// Get, Pause or Delete) for up to half a minute. It re-evaluates from a grain timer after <see cref="GrainRetryDelay"/>.
/// </remarks>
internal static class RedisResilience
{
    /// <summary>The first delay of the exponential backoffs; each doubles it, up to <see cref="MaxDelay"/>.</summary>
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest delay of the exponential backoffs.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    /// <summary>The steady delay of background loops that have no pace of their own.</summary>
    public static readonly TimeSpan LoopDelay = TimeSpan.FromSeconds(2);

    /// <summary>How many times a settle call is tried, about two minutes with the backoff, before the run is left in its processing list.</summary>
    public const int SettleAttempts = 30;

    private static readonly TimeSpan MaxGrainRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>
    /// For one settle call (or the drop of an unreadable entry): transient failures only, <see cref="SettleAttempts"/>
    /// tries at most; the last failure is thrown.
    /// </summary>
    public static ResiliencePipeline Settle(Func<OnRetryArguments<object>, ValueTask> onRetry, TimeProvider? time = null) =>
        Build(time, new RetryStrategyOptions
        {
            ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is { } ex && RedisFailures.IsTransient(ex)),
            MaxRetryAttempts = SettleAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            Delay = FirstDelay,
            MaxDelay = MaxDelay,
            UseJitter = false,
            OnRetry = onRetry,
        });

    /// <summary>
    /// For one round of the fetch loop: any failure, retried until the caller stops, because a fetcher that stopped
    /// would strand its queues.
    /// </summary>
    public static ResiliencePipeline FetchRound(Func<OnRetryArguments<object>, ValueTask> onRetry, TimeProvider? time = null) =>
        Build(time, new RetryStrategyOptions
        {
            ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            Delay = FirstDelay,
            MaxDelay = MaxDelay,
            UseJitter = false,
            OnRetry = onRetry,
        });

    /// <summary>
    /// For a background loop's step: transient failures (not the caller's own stop), retried every
    /// <paramref name="delay"/> until the step succeeds or the caller stops. Anything else is thrown.
    /// </summary>
    public static ResiliencePipeline Loop(TimeSpan delay, Func<OnRetryArguments<object>, ValueTask> onRetry, TimeProvider? time = null) =>
        Build(time, new RetryStrategyOptions
        {
            ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is { } ex && RedisFailures.IsTransient(ex, args.Context.CancellationToken)),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Constant,
            Delay = delay,
            UseJitter = false,
            OnRetry = onRetry,
        });

    /// <summary>How long a job grain waits before it evaluates again after <paramref name="failures"/> failures in a row: 2 s doubling to 30 s.</summary>
    public static TimeSpan GrainRetryDelay(int failures) =>
        TimeSpan.FromSeconds(Math.Min(MaxGrainRetryDelay.TotalSeconds, Math.Pow(2, Math.Clamp(failures, 1, 5))));

    private static ResiliencePipeline Build(TimeProvider? time, RetryStrategyOptions retry) =>
        new ResiliencePipelineBuilder { TimeProvider = time ?? TimeProvider.System }.AddRetry(retry).Build();
}
