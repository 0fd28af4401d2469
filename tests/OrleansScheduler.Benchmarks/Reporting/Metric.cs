namespace OrleansScheduler.Benchmarks.Reporting;

/// <summary>One measured figure of one workload run.</summary>
internal sealed record Metric
{
    /// <summary>A stable camelCase name for the JSON, e.g. <c>lagP99</c>.</summary>
    public required string Key { get; init; }

    /// <summary>What it is, for the table, e.g. <c>lag p99</c>.</summary>
    public required string Label { get; init; }

    /// <summary>The value; null when it could not be measured (see <see cref="Note"/>).</summary>
    public double? Value { get; init; }

    /// <summary>The unit, e.g. <c>ms</c>, <c>jobs/s</c>.</summary>
    public required string Unit { get; init; }

    /// <summary>Decimals to print.</summary>
    public int Decimals { get; init; }

    /// <summary>The target, if the issue sets one.</summary>
    public Target? Target { get; init; }

    /// <summary>Figure or correctness check.</summary>
    public MetricKind Kind { get; init; } = MetricKind.Figure;

    /// <summary>Why there is no value, or what to keep in mind reading it.</summary>
    public string? Note { get; init; }

    /// <summary>A correctness count that must be 0.</summary>
    public static Metric Check(string key, string label, int value) =>
        new() { Key = key, Label = label, Value = value, Unit = "runs", Target = Target.AtMost(0), Kind = MetricKind.Check };
}
