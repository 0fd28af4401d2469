using FsCheck;
using FsCheck.Fluent;
using OrleansScheduler.PropertyTests.Support;

namespace OrleansScheduler.PropertyTests.Generators;

/// <summary>A job id and a spec to send to <see cref="IJobGrain.Schedule"/>.</summary>
public sealed record GrainCase(string? Id, JobSpec? Spec)
{
    /// <summary>The handlers the test cluster has: a spec naming another one is rejected by the silo.</summary>
    public static readonly IReadOnlySet<string> RegisteredHandlers = new HashSet<string>(StringComparer.Ordinal) { "log", "http", "noop", AcceptAnyPayloadHandler.Name };

    /// <summary>The queues the test cluster's silos take runs from: a spec naming another one is rejected by the silo.</summary>
    public static readonly IReadOnlySet<string> ServedQueues = new HashSet<string>(StringComparer.Ordinal) { JobSpec.DefaultQueue };

    /// <summary>
    /// Three in four: any id with any spec (not null: a null spec has its own test), or with a valid spec
    /// but for one field, always naming an unregistered handler, so that even a spec the rules accept is rejected by
    /// the silo and nothing fires. One in four: a valid id and a valid spec for <see cref="AcceptAnyPayloadHandler"/>
    /// on the default queue that cannot fire within a day of <paramref name="now"/>.
    /// </summary>
    public static Gen<GrainCase> Any(DateTimeOffset now) => Gen.Frequency(
        (3, from id in NameGen.JobId
            from spec in Gen.Frequency(
                (2, JobSpecGen.Any(NameGen.Name).Where(s => s is not null).Select(s => s!)),
                (1, JobSpecGen.OneFieldAnyValue))
            where spec.Handler is null || !RegisteredHandlers.Contains(spec.Handler)
            select new GrainCase(id, spec)),
        (1, from id in NameGen.Valid(200)
            from spec in JobSpecGen.FarFuture(now, AcceptAnyPayloadHandler.Name)
            select new GrainCase(id, spec)));

    /// <inheritdoc/>
    public override string ToString() => $"id {Show.Text(Id)}, spec {Show.Spec(Spec)}";
}
