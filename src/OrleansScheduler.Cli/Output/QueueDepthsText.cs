using System.Globalization;
using OrleansScheduler.Json;

namespace OrleansScheduler.Cli.Output;

/// <summary>Formats queue depths as a table, for <c>queues</c>: one row per queue and per silo, then the totals.</summary>
internal static class QueueDepthsText
{
    private static readonly string[] Header = ["STATE", "QUEUE/SILO", "RUNS", "CONSUMERS"];

    /// <summary>
    /// Writes the <c>queued</c> rows (one per queue, with the live silos taking runs from it), the <c>processing</c> rows
    /// (one per silo), then <c>retrying</c> and <c>dead-lettered</c>. A state with no queue or silo gets one row,
    /// <c>-</c> and 0, so every state is shown.
    /// </summary>
    public static void Write(TextWriter writer, QueueDepthsView depths)
    {
        var rows = new List<IReadOnlyList<string>>();
        AddRows(rows, "queued", depths.Queued, queue => Count(depths.Consumers.GetValueOrDefault(queue)));
        AddRows(rows, "processing", depths.Processing, _ => Instants.None);
        rows.Add(["retrying", Instants.None, Count(depths.Retrying), Instants.None]);
        rows.Add(["dead-lettered", Instants.None, Count(depths.DeadLettered), Instants.None]);
        TextTable.Write(writer, Header, rows);
    }

    /// <summary>Writes one warning line per queue that holds runs no live silo takes: they wait until a silo serving it starts.</summary>
    public static void WriteWarnings(TextWriter writer, QueueDepthsView depths)
    {
        foreach (var (queue, runs) in depths.Queued)
        {
            if (runs > 0 && depths.Consumers.GetValueOrDefault(queue) == 0)
            {
                writer.WriteLine($"osched: warning: no silo takes runs from queue \"{queue}\"; its {Count(runs)} run(s) wait until one that serves it starts");
            }
        }
    }

    private static void AddRows(List<IReadOnlyList<string>> rows, string state, IReadOnlyDictionary<string, long> counts, Func<string, string> consumers)
    {
        if (counts.Count == 0)
        {
            rows.Add([state, Instants.None, Count(0), Instants.None]);
            return;
        }

        foreach (var (name, count) in counts)
        {
            rows.Add([state, name, Count(count), consumers(name)]);
        }
    }

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static string Count(long count) => count.ToString(CultureInfo.InvariantCulture);
}
