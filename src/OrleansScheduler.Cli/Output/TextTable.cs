namespace OrleansScheduler.Cli.Output;

/// <summary>Writes rows as left-aligned columns separated by two spaces, with a header line.</summary>
internal static class TextTable
{
    /// <summary>Writes the header and the rows; every row has as many cells as the header.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = header.Select(h => h.Length).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        WriteRow(writer, header, widths);
        foreach (var row in rows)
        {
            WriteRow(writer, row, widths);
        }
    }

    /// <summary>Joins the lines of a multi-line cell (an error) with spaces; null becomes empty.</summary>
    public static string OneLine(string? text) =>
        text is null ? "" : text.ReplaceLineEndings(" ");

    private static void WriteRow(TextWriter writer, IReadOnlyList<string> cells, int[] widths)
    {
        var line = string.Join("  ", cells.Select((cell, i) => cell.PadRight(widths[i])));
        writer.WriteLine(line.TrimEnd());
    }
}
