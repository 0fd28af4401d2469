namespace OrleansScheduler.Cli.Tests.Support;

/// <summary>Ready-made jobs and runs for tests that read them back.</summary>
internal static class Jobs
{
    public static readonly DateTimeOffset Created = new(2026, 2, 1, 8, 0, 0, TimeSpan.Zero);

    public static JobInfo Cron(string id, string expression = "0 2 * * *", string zone = "Europe/Berlin") => new()
    {
        Id = id,
        Spec = new JobSpec { Schedule = JobSchedule.FromCron(expression, zone), Handler = "report", Payload = "{\"to\":\"ops\"}" },
        NextDue = new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero),
        CreatedAt = Created,
        UpdatedAt = Created,
    };

    public static JobInfo Every(string id, TimeSpan interval) => new()
    {
        Id = id,
        Spec = new JobSpec { Schedule = JobSchedule.Every(interval, Created), Handler = "h", Timeout = TimeSpan.FromSeconds(30) },
        NextDue = Created + interval,
        CreatedAt = Created,
        UpdatedAt = Created,
    };

    public static RunRecord Run(string jobId, int minute, RunStatus status, string? error = null) => new()
    {
        RunId = $"{jobId}@2026-03-01T10:{minute:D2}:00.000Z",
        JobId = jobId,
        Occurrence = new DateTimeOffset(2026, 3, 1, 10, minute, 0, TimeSpan.Zero),
        Attempt = 1,
        Status = status,
        Silo = "silo-1",
        StartedAt = new DateTimeOffset(2026, 3, 1, 10, minute, 0, 5, TimeSpan.Zero),
        FinishedAt = new DateTimeOffset(2026, 3, 1, 10, minute, 1, 505, TimeSpan.Zero),
        Error = error,
    };

    public static DeadLetter DeadLetter(string jobId, int minute, string? error = "boom", string? silo = "silo-1") => new()
    {
        RunId = $"{jobId}@2026-03-01T10:{minute:D2}:00.000Z",
        JobId = jobId,
        Occurrence = new DateTimeOffset(2026, 3, 1, 10, minute, 0, TimeSpan.Zero),
        Attempts = 3,
        Handler = "report",
        Queue = "default",
        Error = error,
        DeadLetteredAt = new DateTimeOffset(2026, 3, 1, 10, minute, 42, 250, TimeSpan.Zero),
        Silo = silo,
    };
}
