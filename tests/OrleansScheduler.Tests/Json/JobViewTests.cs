using System.Text.Json;
using OrleansScheduler.Json;
using static OrleansScheduler.Tests.Instants;

namespace OrleansScheduler.Tests.Json;

/// <summary>
/// Snapshot of <see cref="JobView"/> as <c>osched show --json</c>, <c>osched list --json</c> and the HTTP API print it.
/// These documents are a contract: a change here is a breaking change for every script that reads them.
/// </summary>
public sealed class JobViewTests
{
    private static string Serialize(JobView view) =>
        JsonSerializer.Serialize(view, OschedJson.Options).ReplaceLineEndings("\n");

    [Fact]
    public void Serialize_PinsFieldNamesOrderAndFormats_ForACronJobWithHistory()
    {
        var job = new JobInfo
        {
            Id = "nightly-report",
            Spec = new JobSpec
            {
                Schedule = JobSchedule.FromCron("0 8 * * *", "Europe/Berlin"),
                Handler = "send-report",
                Payload = """{"to":["ops","dev"],"urgent":true}""",
                Queue = "reports",
                MaxAttempts = 5,
                Misfire = MisfirePolicy.FireAll,
                Overlap = OverlapPolicy.Skip,
                Timeout = TimeSpan.FromSeconds(30),
            },
            NextDue = At("2026-12-02T07:00:00Z"),
            LastEnqueued = At("2026-12-01T08:00:00+01:00"),
            LastRun = new RunRecord
            {
                RunId = "nightly-report@2026-12-01T07:00:00.000Z",
                JobId = "nightly-report",
                Occurrence = At("2026-12-01T07:00:00Z"),
                Attempt = 1,
                Status = RunStatus.Succeeded,
                Silo = "silo-a",
                StartedAt = At("2026-12-01T07:00:00.0125Z"),
                FinishedAt = At("2026-12-01T07:00:01.25Z"),
            },
            Counts = new RunCounts { Succeeded = 41, Failed = 2, Skipped = 1, DeadLettered = 0 },
            LastMissed = new MissedRun { Occurrence = At("2026-11-30T08:00:00+01:00"), Reason = MissedRun.Overlap },
            CreatedAt = At("2026-11-01T10:15:00Z"),
            UpdatedAt = At("2026-11-20T09:30:00.5+01:00"),
        };

        // The schedule text's quotes come out as \u0022: OschedJson uses System.Text.Json's default (HTML-safe) encoder.
        Assert.Equal(
            """
            {
              "id": "nightly-report",
              "schedule": "cron \u00220 8 * * *\u0022 Europe/Berlin",
              "cron": "0 8 * * *",
              "tz": "Europe/Berlin",
              "handler": "send-report",
              "payload": {
                "to": [
                  "ops",
                  "dev"
                ],
                "urgent": true
              },
              "queue": "reports",
              "maxAttempts": 5,
              "misfire": "FireAll",
              "overlap": "Skip",
              "timeout": "30s",
              "paused": false,
              "nextDue": "2026-12-02T07:00:00.000Z",
              "lastEnqueued": "2026-12-01T07:00:00.000Z",
              "lastRun": {
                "runId": "nightly-report@2026-12-01T07:00:00.000Z",
                "occurrence": "2026-12-01T07:00:00.000Z",
                "attempt": 1,
                "status": "Succeeded",
                "silo": "silo-a",
                "startedAt": "2026-12-01T07:00:00.012Z",
                "finishedAt": "2026-12-01T07:00:01.250Z"
              },
              "counts": {
                "succeeded": 41,
                "failed": 2,
                "skipped": 1,
                "deadLettered": 0
              },
              "missed": {
                "count": 1,
                "last": "2026-11-30T07:00:00.000Z",
                "reason": "overlap"
              },
              "createdAt": "2026-11-01T10:15:00.000Z",
              "updatedAt": "2026-11-20T08:30:00.500Z"
            }
            """,
            Serialize(JobView.From(job)));
    }

    [Fact]
    public void Serialize_OmitsAbsentFieldsAndReportsUtc_ForAPausedIntervalJob()
    {
        var job = new JobInfo
        {
            Id = "heartbeat",
            Spec = new JobSpec
            {
                Schedule = JobSchedule.Every(TimeSpan.FromMinutes(90), At("2026-12-01T09:00:00+01:00")),
                Handler = "ping",
            },
            Paused = true,
            CreatedAt = At("2026-12-01T08:00:00Z"),
            UpdatedAt = At("2026-12-01T08:00:00Z"),
        };

        Assert.Equal(
            """
            {
              "id": "heartbeat",
              "schedule": "every 1h30m",
              "every": "1h30m",
              "start": "2026-12-01T08:00:00.000Z",
              "tz": "UTC",
              "handler": "ping",
              "queue": "default",
              "maxAttempts": 3,
              "misfire": "FireOnce",
              "overlap": "Allow",
              "paused": true,
              "counts": {
                "succeeded": 0,
                "failed": 0,
                "skipped": 0,
                "deadLettered": 0
              },
              "createdAt": "2026-12-01T08:00:00.000Z",
              "updatedAt": "2026-12-01T08:00:00.000Z"
            }
            """,
            Serialize(JobView.From(job)));
    }

    [Fact]
    public void From_CountsMissedRunsAsTheSkippedCount_WithTheLatestAndItsReason()
    {
        var job = new JobInfo
        {
            Id = "heartbeat",
            Spec = new JobSpec { Schedule = JobSchedule.Every(TimeSpan.FromSeconds(1)), Handler = "ping" },
            Counts = new RunCounts { Succeeded = 9, Skipped = 12 },
            LastMissed = new MissedRun { Occurrence = At("2026-12-01T08:00:03.25+01:00"), Reason = MissedRun.Misfire },
        };

        var view = JobView.From(job);

        Assert.Equal(new MissedView { Count = 12, Last = "2026-12-01T07:00:03.250Z", Reason = "misfire" }, view.Missed);
    }

    [Fact]
    public void From_OmitsMissed_WhenTheJobNeverMissedARun()
    {
        var job = new JobInfo
        {
            Id = "heartbeat",
            Spec = new JobSpec { Schedule = JobSchedule.Every(TimeSpan.FromSeconds(1)), Handler = "ping" },
            Counts = new RunCounts { Succeeded = 9 },
        };

        Assert.Null(JobView.From(job).Missed);
        Assert.DoesNotContain("\"missed\"", Serialize(JobView.From(job)), StringComparison.Ordinal);
    }

    [Fact]
    public void From_WritesAtAsUtcWithMilliseconds_ForAOneShotJob()
    {
        var job = new JobInfo
        {
            Id = "reminder",
            Spec = new JobSpec { Schedule = JobSchedule.Once(At("2026-12-01T03:00:00-05:00")), Handler = "remind" },
            NextDue = At("2026-12-01T08:00:00Z"),
        };

        var view = JobView.From(job);

        Assert.Equal(("once at 2026-12-01T08:00:00.000Z", "2026-12-01T08:00:00.000Z", "UTC"), (view.Schedule, view.At, view.Tz));
        Assert.Null(view.Cron);
        Assert.Null(view.Every);
    }

    [Fact]
    public void Deserialize_ReadsBackWhatSerializeWrote()
    {
        var view = JobView.From(new JobInfo
        {
            Id = "nightly-report",
            Spec = new JobSpec { Schedule = JobSchedule.FromCron("0 8 * * *"), Handler = "send-report" },
            Counts = new RunCounts { Succeeded = 3, Skipped = 1 },
            LastMissed = new MissedRun { Occurrence = At("2026-12-01T08:00:00Z"), Reason = MissedRun.Misfire },
        });

        var read = JsonSerializer.Deserialize<JobView>(JsonSerializer.Serialize(view, OschedJson.Options), OschedJson.Options);

        Assert.Equal(view, read);
    }
}
