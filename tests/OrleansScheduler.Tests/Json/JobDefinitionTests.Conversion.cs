using System.Text.Json;
using OrleansScheduler.Json;
using static OrleansScheduler.Tests.Instants;

namespace OrleansScheduler.Tests.Json;

/// <summary>Policies by name, payloads, reporting every rule at once, FromSpec round trips and reading apply files.</summary>
public sealed partial class JobDefinitionTests
{
    [Theory]
    [InlineData("FireAll", MisfirePolicy.FireAll)]
    [InlineData("fireall", MisfirePolicy.FireAll)]
    [InlineData("FIREONCE", MisfirePolicy.FireOnce)]
    [InlineData("skip", MisfirePolicy.Skip)]
    public void ToSpec_ReadsMisfireByNameIgnoringCase(string text, MisfirePolicy expected)
    {
        Assert.Equal(expected, ValidSpec(Minimal() with { Misfire = text }).Misfire);
    }

    [Theory]
    [InlineData("Allow", OverlapPolicy.Allow)]
    [InlineData("SKIP", OverlapPolicy.Skip)]
    [InlineData("allow", OverlapPolicy.Allow)]
    public void ToSpec_ReadsOverlapByNameIgnoringCase(string text, OverlapPolicy expected)
    {
        Assert.Equal(expected, ValidSpec(Minimal() with { Overlap = text }).Overlap);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData(" 2")]
    [InlineData("sometimes")]
    [InlineData("")]
    [InlineData("FireAll,Skip")]
    public void ToSpec_ReportsMisfireAndNames_WhenMisfireIsANumberOrUnknown(string text)
    {
        Assert.Equal($"misfire: \"{text}\" is not one of FireOnce, FireAll, Skip", SingleError(Minimal() with { Misfire = text }));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("Queue")]
    public void ToSpec_ReportsOverlapAndNames_WhenOverlapIsANumberOrUnknown(string text)
    {
        Assert.Equal($"overlap: \"{text}\" is not one of Allow, Skip", SingleError(Minimal() with { Overlap = text }));
    }

    [Fact]
    public void ToSpec_KeepsPayloadAsRawJson()
    {
        var payload = JsonDocument.Parse("""{"to":["ops","dev"],"n":1}""").RootElement.Clone();

        Assert.Equal("""{"to":["ops","dev"],"n":1}""", ValidSpec(Minimal() with { Payload = payload }).Payload);
    }

    [Fact]
    public void ToSpec_ReportsSpecRulesToo_WhenDefinitionRulesAreBroken()
    {
        // Regression: a broken schedule used to hide every spec rule except the id.
        var definition = new JobDefinition
        {
            Id = "bad id",
            Cron = "0 8 * * *",
            Every = "5m",
            Handler = "send report",
            Queue = "a/b",
            MaxAttempts = 0,
            Misfire = "1",
            Timeout = "forever",
        };

        var (spec, errors) = Convert(definition);

        Assert.Null(spec);
        Assert.Equal(
            ["schedule", "misfire", "timeout", "id", "handler", "queue", "maxAttempts"],
            errors.Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)]));
    }

    [Fact]
    public void ToSpec_AddsToErrorsWithoutClearingThem()
    {
        var errors = new List<string> { "file: line 3" };

        Assert.NotNull(Minimal().ToSpec(Now, errors));
        Assert.Equal(["file: line 3"], errors);
    }

    public static TheoryData<JobSpec> Specs => new()
    {
        new JobSpec { Schedule = JobSchedule.FromCron("0 8 * * *"), Handler = "send-report" },
        new JobSpec
        {
            Schedule = JobSchedule.FromCron("*/10 * * * * *", "America/New_York"),
            Handler = "Reports.Send",
            Payload = """{"to":["ops"],"urgent":true}""",
            Queue = "reports",
            MaxAttempts = 7,
            Misfire = MisfirePolicy.FireAll,
            Overlap = OverlapPolicy.Skip,
            Timeout = TimeSpan.FromMinutes(90),
        },
        new JobSpec { Schedule = JobSchedule.Every(TimeSpan.FromSeconds(5), At("2026-01-01T00:00:00.250Z")), Handler = "tick", Payload = "42" },
        new JobSpec { Schedule = JobSchedule.Every(TimeSpan.FromHours(1)), Handler = "tick", Misfire = MisfirePolicy.Skip },
        new JobSpec { Schedule = JobSchedule.Once(At("2026-12-01T09:00:00.125+01:00")), Handler = "remind", Timeout = TimeSpan.FromMilliseconds(1_500) },
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void ToSpec_ReturnsTheOriginal_WhenGivenFromSpecOfIt(JobSpec original)
    {
        Assert.Equal(original, ValidSpec(JobDefinition.FromSpec("job-1", original)));
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void ToSpec_ReturnsTheOriginal_AfterFromSpecIsWrittenAndReadAsJson(JobSpec original)
    {
        var json = JsonSerializer.Serialize(JobDefinition.FromSpec("job-1", original), OschedJson.Options);

        var read = ValidSpec(JsonSerializer.Deserialize<JobDefinition>(json, OschedJson.Options)!);

        // The file is indented, so the payload comes back re-indented: equal as JSON, not as text.
        Assert.Equal(original with { Payload = null }, read with { Payload = null });
        Assert.Equal(original.Payload is null, read.Payload is null);
        if (original.Payload is not null)
        {
            using var expected = JsonDocument.Parse(original.Payload);
            using var actual = JsonDocument.Parse(read.Payload!);
            Assert.True(JsonElement.DeepEquals(expected.RootElement, actual.RootElement), read.Payload);
        }
    }

    [Fact]
    public void FromSpec_WritesOnlyTheScheduleFieldsOfItsKind()
    {
        var spec = new JobSpec { Schedule = JobSchedule.Every(TimeSpan.FromMinutes(90), At("2026-01-01T01:00:00+01:00")), Handler = "tick" };

        var definition = JobDefinition.FromSpec("job-1", spec);

        Assert.Equal(
            new JobDefinition
            {
                Id = "job-1",
                Every = "1h30m",
                Start = "2026-01-01T00:00:00.000Z",
                Handler = "tick",
                Queue = "default",
                MaxAttempts = 3,
                Misfire = "FireOnce",
                Overlap = "Allow",
            },
            definition);
    }

    [Fact]
    public void Deserialize_ReadsCamelCaseFieldsCommentsAndTrailingCommas()
    {
        const string json = """
            {
              // an apply file
              "id": "nightly-report",
              "cron": "0 8 * * *",
              "tz": "Europe/Berlin",
              "handler": "send-report",
              "payload": { "to": "ops" },
              "maxAttempts": 5,
              "misfire": "fireAll",
            }
            """;

        var spec = ValidSpec(JsonSerializer.Deserialize<JobDefinition>(json, OschedJson.Options)!);

        Assert.Equal(
            new JobSpec
            {
                Schedule = JobSchedule.FromCron("0 8 * * *", "Europe/Berlin"),
                Handler = "send-report",
                Payload = """{ "to": "ops" }""",
                MaxAttempts = 5,
                Misfire = MisfirePolicy.FireAll,
            },
            spec);
    }

    [Theory]
    [InlineData("schedule")]
    [InlineData("crons")]
    [InlineData("max_attempts")]
    public void Deserialize_RejectsAndNamesUnknownField(string field)
    {
        var json = $$"""{ "id": "a", "cron": "0 8 * * *", "handler": "h", "{{field}}": 1 }""";

        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<JobDefinition>(json, OschedJson.Options));

        Assert.Contains($"'{field}'", ex.Message, StringComparison.Ordinal);
    }
}
