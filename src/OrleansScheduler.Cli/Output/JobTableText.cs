namespace OrleansScheduler.Cli.Output;

/// <summary>Formats jobs as a table, for <c>list</c>.</summary>
internal static class JobTableText
{
    private static readonly string[] Header = ["ID", "SCHEDULE", "NEXT DUE", "PAUSED", "LAST STATUS"];

    /// <summary>Writes one row per job, or <c>no jobs</c> when there are none.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<JobInfo> jobs)
    {
        if (jobs.Count == 0)
        {
            writer.WriteLine("no jobs");
            return;
        }

        var rows = jobs.Select(job => (IReadOnlyList<string>)
        [
            job.Id,
            job.Spec.Schedule.ToString(),
            Instants.Utc(job.NextDue),
            job.Paused ? "yes" : "no",
            job.LastRun?.Status.ToString() ?? Instants.None,
        ]).ToList();
        TextTable.Write(writer, Header, rows);
    }
}
