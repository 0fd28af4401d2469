namespace OrleansScheduler.Testing;

/// <summary>
/// The system clock moved by an offset that a test changes at will: a host whose clock jumped (a VM restored, a bad
/// NTP source) and was corrected later. Timers and timestamps stay those of the system, so delays still pass in real
/// time; only the wall-clock time the code reads moves.
/// </summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    private long _offsetTicks;

    /// <summary>How far this clock is ahead of the system's (negative: behind). Changes take effect at once.</summary>
    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
        set => Interlocked.Exchange(ref _offsetTicks, value.Ticks);
    }

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
