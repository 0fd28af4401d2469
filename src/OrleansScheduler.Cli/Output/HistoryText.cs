using System.Globalization;

namespace OrleansScheduler.Cli.Output;

/// <summary>Formats a job's history as a table, newest first.</summary>
internal static class HistoryText
{
    private static readonly string[] Header = ["RUN ID", "ATTEMPT", "STATUS", "STARTED", "DURATION", "SILO", "ERROR"];

    /// <summary>Writes the history, or <c>no history</c> when it is empty.</summary>
    public static void Write(TextWriter writer, string jobId, IReadOnlyList<RunRecord> runs)
    {
        if (runs.Count == 0)
        {
            writer.WriteLine($"job \"{jobId}\" has no history");
            return;
        }

        var rows = runs.Select(run => (IReadOnlyList<string>)
        [
            run.RunId,
            run.Attempt.ToString(CultureInfo.InvariantCulture),
            run.Status.ToString(),
            Instants.Utc(run.StartedAt),
            run is { StartedAt: { } start, FinishedAt: { } end } ? Duration.Format(end - start) : Instants.None,
            run.Silo ?? Instants.None,
            TextTable.OneLine(run.Error),
        ]).ToList();
        TextTable.Write(writer, Header, rows);
    }
}
