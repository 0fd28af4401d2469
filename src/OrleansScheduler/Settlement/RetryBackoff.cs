namespace OrleansScheduler.Settlement;

/// <summary>Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries of runs that failed together spread out.</summary>
internal static class RetryBackoff
{
    /// <summary>The delay before attempt <paramref name="failedAttempt"/> + 1: base × 2^(failedAttempt − 1), capped, then jittered into [d/2, d].</summary>
    public static TimeSpan Compute(int failedAttempt, TimeSpan baseDelay, TimeSpan maxDelay, Random random)
    {
        var exponent = Math.Min(Math.Max(failedAttempt - 1, 0), 30);
        var delay = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((delay / 2) + (random.NextDouble() * delay / 2));
    }
}
