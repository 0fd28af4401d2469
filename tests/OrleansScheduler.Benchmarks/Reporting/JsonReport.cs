using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansScheduler.Benchmarks.Reporting;

/// <summary>
/// The report as JSON: the environment, each workload's aggregated figures with their targets, and every run's own
/// values, so later runs can be compared by a program.
/// </summary>
internal static class JsonReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Renders the report.</summary>
    public static string Render(BenchmarkReport report)
    {
        var env = report.Environment;
        var root = new JsonObject
        {
            ["harness"] = "OrleansScheduler.Benchmarks",
            ["format"] = 1,
            ["date"] = env.Date.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["quick"] = report.Quick,
            ["runs"] = report.Runs,
            ["arguments"] = new JsonArray([.. report.Arguments.Select(a => (JsonNode?)a)]),
            ["elapsedSeconds"] = Math.Round(report.Elapsed.TotalSeconds, 1),
            ["machine"] = new JsonObject
            {
                ["cores"] = env.Cores,
                ["cpu"] = env.Cpu,
                ["os"] = env.Os,
                ["memoryGiB"] = env.MemoryGiB,
                ["loadAverageAtStart"] = env.LoadAverageAtStart,
                ["loadAverageAtEnd"] = report.LoadAverageAtEnd,
            },
            ["commit"] = env.Commit,
            ["dotnet"] = env.Dotnet,
            ["siloBuild"] = env.SiloBuild,
            ["checksPassed"] = report.ChecksPassed,
            ["notes"] = new JsonArray([.. report.Notes.Select(n => (JsonNode?)n)]),
            ["workloads"] = new JsonArray([.. report.Workloads.Select(Workload)]),
        };
        return root.ToJsonString(Indented);
    }

    private static JsonNode Workload(AggregatedWorkload workload) => new JsonObject
    {
        ["name"] = workload.Workload,
        ["parameters"] = new JsonObject([.. workload.Parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
        ["checksPassed"] = workload.ChecksPassed,
        ["metrics"] = new JsonObject([.. workload.Metrics.Select(m => KeyValuePair.Create(m.Definition.Key, (JsonNode?)Metric(m)))]),
        ["notes"] = new JsonArray([.. workload.Notes.Select(n => (JsonNode?)n)]),
    };

    private static JsonObject Metric(AggregatedMetric metric)
    {
        var definition = metric.Definition;
        var node = new JsonObject
        {
            ["label"] = definition.Label,
            ["unit"] = definition.Unit,
            ["value"] = Round(metric.Value, definition.Decimals),
            ["runs"] = new JsonArray([.. metric.RunValues.Select(v => (JsonNode?)Round(v, definition.Decimals))]),
            ["kind"] = definition.Kind == MetricKind.Check ? "check" : "figure",
        };
        if (definition.Target is { } target)
        {
            node["target"] = new JsonObject { [target.AtLeast ? "atLeast" : "atMost"] = target.Threshold };
            node["targetMet"] = metric.TargetMet;
        }

        if (definition.Note is not null && metric.Value is null)
        {
            node["note"] = definition.Note;
        }

        return node;
    }

    private static double? Round(double? value, int decimals) => value is { } v ? Math.Round(v, Math.Max(decimals, 2)) : null;
}
