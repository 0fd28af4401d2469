using System.Text.Json;
using OrleansScheduler.Json;
using static OrleansScheduler.Tests.Instants;

namespace OrleansScheduler.Tests.Json;

/// <summary>
/// Snapshot of <see cref="RunView"/> as <c>osched history --json</c> and the HTTP API print it. A contract: a change
/// here breaks every script that reads history.
/// </summary>
public sealed class RunViewTests
{
    private static string Serialize(RunRecord run) =>
        JsonSerializer.Serialize(RunView.From(run), OschedJson.Options).ReplaceLineEndings("\n");

    [Fact]
    public void Serialize_PinsFieldNamesOrderAndFormats_ForAFailedAttempt()
    {
        var run = new RunRecord
        {
            RunId = "nightly-report@2026-12-01T08:00:00.000Z",
            JobId = "nightly-report",
            Occurrence = At("2026-12-01T09:00:00+01:00"),
            Attempt = 2,
            Status = RunStatus.Failed,
            Silo = "silo-b",
            StartedAt = At("2026-12-01T08:00:05.1Z"),
            FinishedAt = At("2026-12-01T08:00:35.1Z"),
            Error = "TimeoutException: timed out after 30s",
        };

        Assert.Equal(
            """
            {
              "runId": "nightly-report@2026-12-01T08:00:00.000Z",
              "occurrence": "2026-12-01T08:00:00.000Z",
              "attempt": 2,
              "status": "Failed",
              "silo": "silo-b",
              "startedAt": "2026-12-01T08:00:05.100Z",
              "finishedAt": "2026-12-01T08:00:35.100Z",
              "error": "TimeoutException: timed out after 30s"
            }
            """,
            Serialize(run));
    }

    [Fact]
    public void Serialize_OmitsSiloAndTimes_ForASkippedOccurrence()
    {
        var run = new RunRecord
        {
            RunId = "nightly-report@2026-12-02T07:00:00.000Z",
            JobId = "nightly-report",
            Occurrence = At("2026-12-02T07:00:00Z"),
            Status = RunStatus.Skipped,
            Error = "misfire: Skip",
        };

        Assert.Equal(
            """
            {
              "runId": "nightly-report@2026-12-02T07:00:00.000Z",
              "occurrence": "2026-12-02T07:00:00.000Z",
              "attempt": 1,
              "status": "Skipped",
              "error": "misfire: Skip"
            }
            """,
            Serialize(run));
    }

    [Theory]
    [InlineData(RunStatus.Succeeded, "Succeeded")]
    [InlineData(RunStatus.Failed, "Failed")]
    [InlineData(RunStatus.Skipped, "Skipped")]
    [InlineData(RunStatus.DeadLettered, "DeadLettered")]
    public void From_WritesStatusByName(RunStatus status, string expected)
    {
        var run = new RunRecord { RunId = "r", JobId = "j", Occurrence = At("2026-12-01T08:00:00Z"), Status = status };

        Assert.Equal(expected, RunView.From(run).Status);
    }
}
