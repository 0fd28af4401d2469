using System.Globalization;
using System.Text;

namespace OrleansScheduler.Benchmarks.Reporting;

/// <summary>The report as Markdown: a header with the environment, one table of every figure, and the notes. Pastes into the README.</summary>
internal static class MarkdownReport
{
    /// <summary>Renders the report.</summary>
    public static string Render(BenchmarkReport report)
    {
        var env = report.Environment;
        var text = new StringBuilder();
        text.AppendLine(Text($"### Benchmark results{(report.Quick ? " (--quick)" : "")}"));
        text.AppendLine();
        text.AppendLine(Text($"{env.Date:yyyy-MM-dd HH:mm} UTC · commit {env.Commit ?? "unknown"} · {env.Dotnet} · silo build {env.SiloBuild} · {report.Elapsed.TotalSeconds:N0} s in all  "));
        text.AppendLine(Text($"machine: {env.Cores} cores, {env.Cpu}, {env.Os}{(env.MemoryGiB is { } memory ? Text($", {memory:0.#} GiB") : "")}; load average {Load(env.LoadAverageAtStart)} at start, {Load(report.LoadAverageAtEnd)} at end  "));
        text.AppendLine(report.Runs == 1
            ? "runs: 1 per workload"
            : Text($"runs: {report.Runs} per workload; figures are medians, checks (missing, duplicated) the worst run"));
        text.AppendLine();
        text.AppendLine("| workload | measure | value | target | met |");
        text.AppendLine("| --- | --- | ---: | --- | --- |");
        var notes = new List<string>(report.Notes);
        foreach (var workload in report.Workloads)
        {
            foreach (var metric in workload.Metrics)
            {
                var definition = metric.Definition;
                var target = definition.Target?.Describe(definition.Unit, definition.Target.Threshold % 1 == 0 ? 0 : 1) ?? "";
                var met = metric.TargetMet switch { true => "yes", false => "**no**", null => "" };
                text.AppendLine(CultureInfo.InvariantCulture, $"| {workload.Workload} | {definition.Label} | {Format(metric.Value, definition)} | {target} | {met} |");
                if (metric.Value is null && definition.Note is not null)
                {
                    notes.Add($"{workload.Workload}, {definition.Label}: {definition.Note}");
                }
            }

            notes.AddRange(workload.Notes.Select(n => $"{workload.Workload}: {n}"));
        }

        text.AppendLine();
        foreach (var note in notes)
        {
            text.AppendLine("- " + note);
        }

        text.AppendLine();
        text.AppendLine(report.ChecksPassed
            ? "checks: no missing and no duplicated run"
            : "checks: FAILED: " + string.Join(", ", report.Workloads.Where(w => !w.ChecksPassed).Select(w => w.Workload)) + " found missing or duplicated runs");
        return text.ToString();
    }

    /// <summary>E.g. <c>12,345 jobs/s</c>, <c>1.23 KiB</c>; an em dash when there is no value.</summary>
    public static string Format(double? value, Metric definition) =>
        value is { } v ? v.ToString("N" + definition.Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " " + definition.Unit : "—";

    private static string Load(double? load) => load is { } value ? value.ToString("0.00", CultureInfo.InvariantCulture) : "unknown";

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
