namespace OrleansScheduler.Testing.Faults;

/// <summary>
/// Injects one fault after another for a while, every choice (which fault, which silo, how long, how long a pause
/// before the next) drawn from one seeded random source, so that a run can be replayed. Never takes two silos down at
/// once; starts again any silo that ended by itself (one told it was dead stops itself) before the next fault.
/// </summary>
internal sealed class Nemesis(FaultRunCluster cluster, FaultRunOptions options, Action<string> log)
{
    // How often each fault is chosen, out of the sum.
    private static readonly (FaultKind Kind, int Weight)[] Weights =
    [
        (FaultKind.KillSilo, 3),
        (FaultKind.FreezeSilo, 2),
        (FaultKind.StopSilo, 2),
        (FaultKind.KillRedis, 2),
        (FaultKind.PauseRedis, 1),
        (FaultKind.StallSiloRedis, 1),
        (FaultKind.CutSiloRedis, 1),
    ];

    private readonly Random _random = new(options.Seed);
    private readonly List<FaultEvent> _events = [];

    /// <summary>The faults injected so far, in order.</summary>
    public IReadOnlyList<FaultEvent> Events => _events;

    /// <summary>Injects faults until <paramref name="until"/>; the last one ends before it returns.</summary>
    public async Task RunAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(Between(options.MinGap, options.MaxGap), cancellationToken).ConfigureAwait(false);
            if (DateTimeOffset.UtcNow >= until)
            {
                return;
            }

            await cluster.RestartExitedAsync().ConfigureAwait(false);
            var kind = Pick();
            var silo = _random.Next(cluster.Count);
            var started = DateTimeOffset.UtcNow;
            log($"fault {_events.Count + 1}: {kind}{(IsSiloFault(kind) ? $" silo {silo}" : "")}");
            await InjectAsync(kind, silo, cancellationToken).ConfigureAwait(false);
            var fault = new FaultEvent(kind, IsSiloFault(kind) ? silo : -1, started, DateTimeOffset.UtcNow);
            _events.Add(fault);
            log($"fault {_events.Count} ended: {fault}");
        }
    }

    private static bool IsSiloFault(FaultKind kind) => kind is not (FaultKind.KillRedis or FaultKind.PauseRedis);

    private async Task InjectAsync(FaultKind kind, int silo, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case FaultKind.KillSilo:
                cluster.KillSilo(silo);
                await Task.Delay(Between(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)), cancellationToken).ConfigureAwait(false);
                await cluster.StartSiloAsync(silo).ConfigureAwait(false);
                break;
            case FaultKind.FreezeSilo:
                // Shorter freezes leave the silo a member; longer ones get it declared dead, and it stops itself once
                // thawed: it is started again before the next fault.
                cluster.FreezeSilo(silo);
                await Task.Delay(Between(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(40)), cancellationToken).ConfigureAwait(false);
                cluster.ThawSilo(silo);
                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
                await cluster.RestartExitedAsync().ConfigureAwait(false);
                break;
            case FaultKind.StopSilo:
                await cluster.StopSiloAsync(silo).ConfigureAwait(false);
                await Task.Delay(Between(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)), cancellationToken).ConfigureAwait(false);
                await cluster.StartSiloAsync(silo).ConfigureAwait(false);
                break;
            case FaultKind.KillRedis:
                cluster.Redis.Kill();
                await Task.Delay(Between(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)), cancellationToken).ConfigureAwait(false);
                await cluster.Redis.RestartAsync().ConfigureAwait(false);
                break;
            case FaultKind.PauseRedis:
                var pause = Between(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(6));
                await cluster.PauseRedisAsync(pause).ConfigureAwait(false);
                await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
                break;
            case FaultKind.StallSiloRedis:
                // Up to 25 s: past four of the client's 5 s timeouts it gives up on the connection and cancels the
                // commands in flight (a failure of another kind than a timeout).
                cluster.Proxies[silo].Stall();
                await Task.Delay(Between(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(25)), cancellationToken).ConfigureAwait(false);
                cluster.Proxies[silo].Resume();
                break;
            case FaultKind.CutSiloRedis:
                cluster.Proxies[silo].CutAll();
                break;
        }
    }

    private FaultKind Pick()
    {
        var roll = _random.Next(Weights.Sum(w => w.Weight));
        foreach (var (kind, weight) in Weights)
        {
            if ((roll -= weight) < 0)
            {
                return kind;
            }
        }

        return Weights[^1].Kind;
    }

    private TimeSpan Between(TimeSpan min, TimeSpan max) => min + TimeSpan.FromMilliseconds(_random.NextDouble() * (max - min).TotalMilliseconds);
}
