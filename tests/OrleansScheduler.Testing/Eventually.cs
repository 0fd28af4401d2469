namespace OrleansScheduler.Testing;

/// <summary>Polls for an outcome with a generous deadline: tests assert behaviour, not timing.</summary>
public static class Eventually
{
    /// <summary>The default deadline.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> holds, then returns its last value.</summary>
    /// <exception cref="TimeoutException">The deadline passed; the message says what was awaited and the last value seen.</exception>
    public static async Task<T> MatchesAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        T value;
        while (true)
        {
            value = await probe().ConfigureAwait(false);
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"gave up waiting for {what} after {(timeout ?? DefaultTimeout).TotalSeconds:0} s; last value: {Describe(value)}");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds.</summary>
    public static Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        MatchesAsync(condition, static ok => ok, what, timeout);

    private static string Describe<T>(T value) => value switch
    {
        System.Collections.ICollection collection => $"{collection.Count} item(s)",
        null => "null",
        _ => value.ToString() ?? "",
    };
}
