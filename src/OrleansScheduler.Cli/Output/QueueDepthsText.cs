using System.Globalization;
using OrleansScheduler.Json;

namespace OrleansScheduler.Cli.Output;

/// <summary>Formats queue depths as a table, for <c>queues</c>: one row per queue and per silo, then the totals.</summary>
internal static class QueueDepthsText
{
    private static readonly string[] Header = ["STATE", "QUEUE/SILO", "RUNS"];

    /// <summary>
    /// Writes the <c>queued</c> rows (one per queue), the <c>processing</c> rows (one per silo), then <c>retrying</c>
    /// and <c>dead-lettered</c>. A state with no queue or silo gets one row, <c>-</c> and 0, so every state is shown.
    /// </summary>
    public static void Write(TextWriter writer, QueueDepthsView depths)
    {
        var rows = new List<IReadOnlyList<string>>();
        AddRows(rows, "queued", depths.Queued);
        AddRows(rows, "processing", depths.Processing);
        rows.Add(["retrying", Instants.None, Count(depths.Retrying)]);
        rows.Add(["dead-lettered", Instants.None, Count(depths.DeadLettered)]);
        TextTable.Write(writer, Header, rows);
    }

    private static void AddRows(List<IReadOnlyList<string>> rows, string state, IReadOnlyDictionary<string, long> counts)
    {
        if (counts.Count == 0)
        {
            rows.Add([state, Instants.None, Count(0)]);
            return;
        }

        foreach (var (name, count) in counts)
        {
            rows.Add([state, name, Count(count)]);
        }
    }

    private static string Count(long count) => count.ToString(CultureInfo.InvariantCulture);
}
