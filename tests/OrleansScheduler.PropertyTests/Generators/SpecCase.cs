using FsCheck;
using FsCheck.Fluent;
using OrleansScheduler.PropertyTests.Support;

namespace OrleansScheduler.PropertyTests.Generators;

/// <summary>A job id and a spec to validate or schedule together.</summary>
public sealed record SpecCase(string? Id, JobSpec? Spec)
{
    /// <summary>
    /// Any id with: any spec (most break several rules), a spec of valid values, or a spec of valid values with one
    /// field replaced by any value of that field (so each rule is met alone).
    /// </summary>
    public static Gen<SpecCase> Any { get; } =
        from id in NameGen.JobId
        from spec in Gen.Frequency(
            (2, JobSpecGen.AnySpec),
            (1, JobSpecGen.Valid.Select(s => (JobSpec?)s)),
            (3, JobSpecGen.OneFieldAnyValue.Select(s => (JobSpec?)s)))
        select new SpecCase(id, spec);

    /// <inheritdoc/>
    public override string ToString() => $"id {Show.Text(Id)}, spec {Show.Spec(Spec)}";
}
