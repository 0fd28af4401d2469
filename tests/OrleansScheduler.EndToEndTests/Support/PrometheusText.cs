using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansScheduler.EndToEndTests.Support;

/// <summary>The samples of a Prometheus text exposition (<c>name{label="value",…} value</c> lines), from one or more scrapes.</summary>
public sealed partial class PrometheusText
{
    private readonly List<Sample> _samples;

    private PrometheusText(List<Sample> samples) => _samples = samples;

    public IReadOnlyList<Sample> Samples => _samples;

    /// <summary>Reads every sample line of the scrapes; comments (<c># TYPE</c>, <c># HELP</c>) are skipped.</summary>
    public static PrometheusText Parse(IEnumerable<string> scrapes) =>
        new([.. scrapes.SelectMany(s => s.Split('\n')).Select(ParseLine).OfType<Sample>()]);

    /// <summary>The samples of a metric, optionally with a label of a given value.</summary>
    public IEnumerable<Sample> Of(string name, string? label = null, string? value = null) =>
        _samples.Where(s => s.Name == name && (label is null || (s.Labels.TryGetValue(label, out var v) && v == value)));

    /// <summary>The sum of a metric's samples over every scrape (silo) and label set; 0 when there is none.</summary>
    public double Sum(string name, string? label = null, string? value = null) => Of(name, label, value).Sum(s => s.Value);

    public override string ToString() => $"{_samples.Count} samples, {_samples.Count(s => s.Name.StartsWith("osched_", StringComparison.Ordinal))} of osched_*";

    private static Sample? ParseLine(string line)
    {
        var match = SampleLine().Match(line.TrimEnd('\r'));
        if (!match.Success)
        {
            return null;
        }

        var labels = LabelPair().Matches(match.Groups["labels"].Value)
            .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value.Replace("\\\"", "\"", StringComparison.Ordinal), StringComparer.Ordinal);
        var text = match.Groups["value"].Value;
        var value = text switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new Sample(match.Groups["name"].Value, labels, value);
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
}
