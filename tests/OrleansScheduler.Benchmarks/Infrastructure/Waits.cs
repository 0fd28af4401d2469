namespace OrleansScheduler.Benchmarks.Infrastructure;

/// <summary>Waiting for an instant or for a condition, with a deadline.</summary>
internal static class Waits
{
    /// <summary>Returns at <paramref name="instant"/> (at once when it has passed).</summary>
    public static async Task UntilAsync(DateTimeOffset instant, CancellationToken cancellationToken)
    {
        var delay = instant - DateTimeOffset.UtcNow;
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Polls <paramref name="condition"/> every <paramref name="interval"/> until it holds (true) or <paramref name="deadline"/> passes (false).</summary>
    public static async Task<bool> ForAsync(Func<Task<bool>> condition, TimeSpan interval, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await condition().ConfigureAwait(false))
            {
                return true;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
        }
    }
}
