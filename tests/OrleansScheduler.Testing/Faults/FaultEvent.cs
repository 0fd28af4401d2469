namespace OrleansScheduler.Testing.Faults;

/// <summary>What a fault did.</summary>
public enum FaultKind
{
    /// <summary>A silo was killed (SIGKILL) and started again after a few seconds.</summary>
    KillSilo,

    /// <summary>A silo was frozen (SIGSTOP) and thawed; frozen long enough, it was declared dead and stopped itself.</summary>
    FreezeSilo,

    /// <summary>A silo was stopped gracefully (SIGTERM) and started again.</summary>
    StopSilo,

    /// <summary>Redis was killed (SIGKILL) and started again on its AOF.</summary>
    KillRedis,

    /// <summary>Redis was paused for every client (<c>CLIENT PAUSE … ALL</c>).</summary>
    PauseRedis,

    /// <summary>One silo's connections to Redis went silent (a stalling proxy), then came back.</summary>
    StallSiloRedis,

    /// <summary>One silo's connections to Redis were reset.</summary>
    CutSiloRedis,
}

/// <summary>One fault of a <see cref="FaultRun"/>: what, on which silo (-1 for Redis), when it started and when it ended.</summary>
public sealed record FaultEvent(FaultKind Kind, int Silo, DateTimeOffset StartedAt, DateTimeOffset EndedAt)
{
    /// <summary>Whether the fault can make a run execute again: it took a silo down while it may have been running runs.</summary>
    public bool CanRepeatRuns => Kind is FaultKind.KillSilo or FaultKind.FreezeSilo or FaultKind.StopSilo;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{StartedAt:HH:mm:ss.fff}–{EndedAt:HH:mm:ss.fff} {Kind}{(Silo >= 0 ? $" silo {Silo}" : "")} ({(EndedAt - StartedAt).TotalSeconds:0.0} s)";
}
