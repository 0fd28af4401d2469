using System.Globalization;

namespace OrleansScheduler.Cli.Output;

/// <summary>Formats dead letters as a table, for <c>dead-letters</c>.</summary>
internal static class DeadLetterText
{
    private static readonly string[] Header = ["RUN ID", "JOB", "OCCURRENCE", "ATTEMPTS", "HANDLER", "QUEUE", "DEAD-LETTERED", "SILO", "ERROR"];

    /// <summary>Writes one row per dead letter in the order given, or <c>no dead letters</c> when there are none.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<DeadLetter> deadLetters)
    {
        if (deadLetters.Count == 0)
        {
            writer.WriteLine("no dead letters");
            return;
        }

        var rows = deadLetters.Select(dead => (IReadOnlyList<string>)
        [
            dead.RunId,
            dead.JobId,
            Instants.Utc(dead.Occurrence),
            dead.Attempts.ToString(CultureInfo.InvariantCulture),
            dead.Handler,
            dead.Queue,
            Instants.Utc(dead.DeadLetteredAt),
            dead.Silo ?? Instants.None,
            TextTable.OneLine(dead.Error),
        ]).ToList();
        TextTable.Write(writer, Header, rows);
    }
}
