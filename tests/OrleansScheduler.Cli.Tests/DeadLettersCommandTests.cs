using System.Text.Json;
using OrleansScheduler.Cli.Tests.Support;
using OrleansScheduler.Json;

namespace OrleansScheduler.Cli.Tests;

public sealed class DeadLettersCommandTests
{
    private readonly FakeCluster _cluster = new();

    [Fact]
    public async Task DeadLetters_PrintsTheContractDocumentNewestFirst_WhenJsonIsGiven()
    {
        _cluster.Admin.AddDeadLetter(Jobs.DeadLetter("nightly", 0, error: null, silo: null));
        _cluster.Admin.AddDeadLetter(Jobs.DeadLetter("nightly", 1, error: "line one\nline two"));

        var run = await Osched.RunAsync(_cluster, "dead-letters", "--json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(
            """
            [
              {
                "runId": "nightly@2026-03-01T10:01:00.000Z",
                "jobId": "nightly",
                "occurrence": "2026-03-01T10:01:00.000Z",
                "attempts": 3,
                "handler": "report",
                "queue": "default",
                "error": "line one\nline two",
                "deadLetteredAt": "2026-03-01T10:01:42.250Z",
                "silo": "silo-1"
              },
              {
                "runId": "nightly@2026-03-01T10:00:00.000Z",
                "jobId": "nightly",
                "occurrence": "2026-03-01T10:00:00.000Z",
                "attempts": 3,
                "handler": "report",
                "queue": "default",
                "deadLetteredAt": "2026-03-01T10:00:42.250Z"
              }
            ]
            """,
            run.Out.ReplaceLineEndings("\n").TrimEnd('\n'));
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task DeadLetters_PrintsDocumentsThatReadBackAsDeadLetterViews_WhenJsonIsGiven()
    {
        var deadLetter = Jobs.DeadLetter("nightly", 7);
        _cluster.Admin.AddDeadLetter(deadLetter);

        var run = await Osched.RunAsync(_cluster, "dead-letters", "--json");

        var views = JsonSerializer.Deserialize<List<DeadLetterView>>(run.Out, OschedJson.Options);
        Assert.Equal([DeadLetterView.From(deadLetter)], views);
    }

    [Fact]
    public async Task DeadLetters_PrintsAnEmptyArray_WhenThereAreNoneAndJsonIsGiven()
    {
        var run = await Osched.RunAsync(_cluster, "dead-letters", "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(["[]"], run.OutLines);
    }

    [Fact]
    public async Task DeadLetters_PrintsATableNewestFirst_WhenJsonIsNotGiven()
    {
        _cluster.Admin.AddDeadLetter(Jobs.DeadLetter("nightly", 0, error: null, silo: null));
        _cluster.Admin.AddDeadLetter(Jobs.DeadLetter("nightly", 1, error: "line one\nline two"));

        var run = await Osched.RunAsync(_cluster, "dead-letters");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(
        [
            "RUN ID                            JOB      OCCURRENCE                ATTEMPTS  HANDLER  QUEUE    DEAD-LETTERED             SILO    ERROR",
            "nightly@2026-03-01T10:01:00.000Z  nightly  2026-03-01T10:01:00.000Z  3         report   default  2026-03-01T10:01:42.250Z  silo-1  line one line two",
            "nightly@2026-03-01T10:00:00.000Z  nightly  2026-03-01T10:00:00.000Z  3         report   default  2026-03-01T10:00:42.250Z  -",
        ], run.OutLines);
    }

    [Fact]
    public async Task DeadLetters_SaysSo_WhenThereAreNone()
    {
        var run = await Osched.RunAsync(_cluster, "dead-letters");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(["no dead letters"], run.OutLines);
    }

    [Fact]
    public async Task DeadLetters_AsksForAtMost100_WhenLimitIsNotGiven()
    {
        await Osched.RunAsync(_cluster, "dead-letters");

        Assert.Equal([100], _cluster.Admin.Limits);
    }

    [Fact]
    public async Task DeadLetters_PrintsAtMostTheLimit_WhenLimitIsGiven()
    {
        for (var minute = 0; minute < 5; minute++)
        {
            _cluster.Admin.AddDeadLetter(Jobs.DeadLetter("tick", minute));
        }

        var run = await Osched.RunAsync(_cluster, "dead-letters", "--limit", "2", "--json");

        using var document = JsonDocument.Parse(run.Out);
        Assert.Equal(
            ["tick@2026-03-01T10:04:00.000Z", "tick@2026-03-01T10:03:00.000Z"],
            document.RootElement.EnumerateArray().Select(d => d.GetProperty("runId").GetString()));
        Assert.Equal([2], _cluster.Admin.Limits);
    }

    [Fact]
    public async Task DeadLetters_AcceptsTheLargestLimit_WhenLimitIs10000()
    {
        var run = await Osched.RunAsync(_cluster, "dead-letters", "--limit", "10000");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal([10_000], _cluster.Admin.Limits);
    }

    [Theory]
    [InlineData("0", "limit: 0 is outside 1-10000")]
    [InlineData("-1", "limit: -1 is outside 1-10000")]
    [InlineData("10001", "limit: 10001 is outside 1-10000")]
    [InlineData("ten", "limit: \"ten\" is not a whole number")]
    public async Task DeadLetters_ExitsWith2_WhenLimitIsOutOfRange(string limit, string expected)
    {
        var run = await Osched.RunAsync(_cluster, "dead-letters", "--limit", limit);

        Osched.AssertInvalid(_cluster, run, expected);
    }

    [Fact]
    public async Task DeadLetters_ExitsWith2_WhenAnArgumentIsGiven()
    {
        var run = await Osched.RunAsync(_cluster, "dead-letters", "nightly");

        Osched.AssertInvalid(_cluster, run, "Unrecognized command or argument 'nightly'.");
    }
}
