using System.Collections.Concurrent;
using OrleansScheduler.Testing;

namespace OrleansScheduler.FaultTests.Support;

/// <summary>
/// One crash shared by the misfire tests: two silos, <see cref="JobsPerPolicy"/> one-second jobs per misfire policy,
/// then SIGKILL to the silo that hosts job grains of every policy, and observation until every job has fired again
/// and run on for a while. Runs once, when the first test asks for it; each test then checks its own policy.
/// </summary>
public sealed class SiloCrashScenario : IAsyncLifetime
{
    public const int JobsPerPolicy = 8;
    public static readonly IReadOnlyList<string> Policies = ["FireOnce", "FireAll", "Skip"];

    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
    private readonly ConcurrentQueue<string> _log = new();
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("osched-fault-misfire-");
    private readonly Lazy<Task> _run;

    public SiloCrashScenario() => _run = new Lazy<Task>(RunAsync);

    public FaultCluster Cluster { get; private set; } = null!;

    public RunReceiver Receiver { get; private set; } = null!;

    /// <summary>The interval jobs' anchor: occurrences are <c>Start + k s</c>.</summary>
    public DateTimeOffset Start { get; private set; }

    /// <summary>When the silo was killed.</summary>
    public DateTimeOffset KilledAt { get; private set; }

    /// <summary>The index of the killed silo.</summary>
    public int Victim { get; private set; }

    /// <summary>The jobs whose grains lived on the killed silo.</summary>
    public IReadOnlySet<string> VictimJobs { get; private set; } = new HashSet<string>();

    /// <summary>The killed silo's processing list right after the kill.</summary>
    public ProcessingList Orphans { get; private set; } = new([], []);

    /// <summary>Progress lines so far.</summary>
    public IEnumerable<string> Log => _log;

    public static IReadOnlyList<string> JobsOf(string policy) =>
        [.. Enumerable.Range(0, JobsPerPolicy).Select(i => $"crash-{policy.ToLowerInvariant()}-{i}")];

    /// <summary>Runs the scenario (once; later calls await the same run).</summary>
    public Task EnsureRunAsync() => _run.Value;

    /// <summary>What the receiver saw of one job.</summary>
    public JobTimeline Timeline(string jobId) => new(jobId, Start, Every, Receiver.ArrivalsOf(jobId));

    public async Task InitializeAsync()
    {
        Receiver = await RunReceiver.StartAsync();
        Cluster = await FaultCluster.StartAsync("misfire", _log.Enqueue);
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (Receiver is not null)
        {
            await Receiver.DisposeAsync();
        }

        _directory.Delete(recursive: true);
    }

    /// <summary>The last lines of the silos' logs.</summary>
    public void WriteLogTails(Action<string> write) => Cluster.WriteLogTails(write, 40);

    private async Task RunAsync()
    {
        var allJobs = Policies.SelectMany(JobsOf).ToList();
        Start = Instant.WholeSecondAfter(DateTimeOffset.UtcNow, TimeSpan.Zero).AddSeconds(-10);
        var file = HttpJobs.Write(_directory.FullName, "misfire.json", Policies.SelectMany(policy =>
            JobsOf(policy).Select(id => HttpJobs.Every(id, "1s", Start, Receiver.Url(), policy))));
        (await Cluster.Osched.RunAsync("apply", file)).Succeeded();

        await Eventually.TrueAsync(
            () => Task.FromResult(allJobs.All(id => Receiver.ArrivalsOf(id).Count >= 3)),
            "every job to have fired three times",
            TimeSpan.FromSeconds(60));

        // Kill the silo that hosts grains of every policy (so every policy has jobs with a gap), preferring the busier one.
        var placement = Cluster.ReadJobPlacement();
        var describe = string.Join("; ", placement.Select(p => $"silo {p.Key}: {string.Join(", ", p.Value.Order(StringComparer.Ordinal))}"));
        _log.Enqueue($"job grains by silo: {describe}");
        var candidates = placement
            .Where(p => Policies.All(policy => JobsOf(policy).Any(p.Value.Contains)))
            .OrderByDescending(p => p.Value.Count)
            .ToList();
        Assert.True(candidates.Count > 0, $"precondition: no silo hosts job grains of every misfire policy, so no kill can test them all ({describe})");
        Victim = candidates[0].Key;
        VictimJobs = candidates[0].Value;

        KilledAt = Cluster.KillSilo(Victim);
        Orphans = await Cluster.ReadProcessingListAsync(Victim);
        _log.Enqueue($"{FaultCluster.Stamp()} killed silo {Victim}, host of {VictimJobs.Count} job grains; its processing list: {Orphans}");

        // Every job fires again (an occurrence after the kill can only have been enqueued by the survivor) …
        await Eventually.TrueAsync(
            () => Task.FromResult(allJobs.All(id => Timeline(id).FirstArrivalOfOccurrenceAfter(KilledAt) is not null)),
            "every job to fire again after the kill",
            TimeSpan.FromSeconds(60));
        var resumedBy = allJobs.Max(id => Timeline(id).FirstArrivalOfOccurrenceAfter(KilledAt)!.ArrivedAt);
        _log.Enqueue($"{FaultCluster.Stamp()} every job fired again by {Instant.Seconds(resumedBy - KilledAt)} after the kill");

        // … and runs on for a few seconds, so each gap is closed on both sides.
        var until = resumedBy + TimeSpan.FromSeconds(3);
        await Eventually.TrueAsync(
            () => Task.FromResult(allJobs.All(id => Timeline(id).Last > until)),
            "every job to run on for 3 s after the last one resumed",
            TimeSpan.FromSeconds(30));
    }
}
