using System.Text;
using System.Text.Json;
using OrleansScheduler.Json;
using static OrleansScheduler.Tests.Instants;

namespace OrleansScheduler.Tests.Json;

/// <summary>
/// The bad-input review of issue 21 (D1, D2, D3, D5, D6, time zones): definitions that were accepted, read leniently or
/// threw, each refused with a message naming the field.
/// </summary>
public sealed partial class JobDefinitionTests
{
    private static JobDefinition Read(byte[] json) => JsonSerializer.Deserialize<JobDefinition>(json, OschedJson.Options)!;

    private static byte[] Utf8WithBadBytes(string before, string after) => [.. Encoding.UTF8.GetBytes(before), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes(after)];

    [Theory]
    [InlineData("""{"every":"1h","handler":"log","payload":" """, "\"}")]
    [InlineData("""{"every":"1h","handler":"log","payload":{"message":" """, "\"}}")]
    [InlineData("""{"every":"1h","handler":"log","payload":{" """, "\":1}}")]
    public void D1_Deserialize_ThrowsAtThePayload_WhenThePayloadIsInvalidUtf8(string before, string after)
    {
        // On 09fee01 the definition was read, and ToSpec threw InvalidOperationException from GetRawText (a 500).
        var json = Utf8WithBadBytes(before.TrimEnd(), after);

        var ex = Assert.Throws<JsonException>(() => Read(json).ToSpec(Now, []));

        Assert.Equal("$.payload", ex.Path);
    }

    [Fact]
    public void Deserialize_ThrowsAtTheField_WhenAStringFieldIsInvalidUtf8()
    {
        var ex = Assert.Throws<JsonException>(() => Read(Utf8WithBadBytes("""{"handler":"log","cron":"0 0 * * *""", "\"}")));

        Assert.Equal("$.cron", ex.Path);
    }

    [Theory]
    [InlineData("0 0 30 2 *")]
    [InlineData("0 0 31 4 *")]
    [InlineData("0 0 0 31W 2 *")]
    [InlineData("0 0 30 2 1#5")]
    public void D2_ToSpec_ReportsCron_WhenTheExpressionNeverOccurs(string cron)
    {
        Assert.Equal($"cron: \"{cron}\" never occurs: it has no occurrence in the next 100 years", SingleError(Minimal(cron)));
    }

    [Theory]
    [InlineData("0 0 29 2 1")] // 29 February on a Monday: next in 2044, then 2072
    [InlineData("0 0 0 29 2 *")]
    public void ToSpec_Accepts_WhenACronOccursOnlyEveryFewYears(string cron)
    {
        ValidSpec(Minimal(cron));
    }

    [Theory]
    [InlineData("3000000d", null)]
    [InlineData("10675199d", null)]
    [InlineData("3000000d", "2000-01-01T00:00:00Z")]
    public void D2_ToSpec_ReportsEvery_WhenTheFirstOccurrenceIsPastTheEndOfTheCalendar(string every, string? start)
    {
        var error = SingleError(new JobDefinition { Id = "far", Every = every, Start = start, Handler = "log" });

        Assert.Equal($"every: \"{every}\" reaches past the end of the calendar: its first occurrence would fall after 9999-12-31T23:59:59.999Z", error);
    }

    [Fact]
    public void ToSpec_Accepts_WhenAFutureStartIsTheFirstOccurrence()
    {
        // The first occurrence is start itself, however long the interval.
        var spec = ValidSpec(new JobDefinition { Id = "late", Every = "3000000d", Start = "9999-01-01T00:00:00Z", Handler = "log" });

        Assert.Equal(At("9999-01-01T00:00:00Z"), OrleansScheduler.Scheduling.CompiledSchedule.Compile(spec.Schedule).GetNextOccurrence(Now));
    }

    [Fact]
    public void D3_ToSpec_ReportsAt_WhenTheInstantIsTheFirstOfTheCalendar()
    {
        var error = SingleError(new JobDefinition { Id = "v-at-0001", At = "0001-01-01T00:00:00Z", Handler = "log" });

        Assert.Equal("at: \"0001-01-01T00:00:00.000Z\" is before 1970-01-01T00:00:00Z, the earliest instant accepted", error);
    }

    [Theory]
    [InlineData("""{"id":"dk","every":"1h","every":"1s","handler":"log"}""", "$.every")]
    [InlineData("""{"id":"dk","every":"1h","handler":"log","payload":{"a":1,"a":2}}""", "$.payload")]
    [InlineData("""{"id":"dk","every":"1h","handler":"log","maxAttempts":"3"}""", "$.maxAttempts")]
    [InlineData("""{"id":"dk","Every":"1h","handler":"log"}""", "$.Every")]
    [InlineData("""{"id":"dk","every":"1h","HANDLER":"log"}""", "$.HANDLER")]
    public void D5_Deserialize_Throws_WhenTheJsonIsLenient(string json, string path)
    {
        // On 09fee01 the last duplicate won, "3" read as 3 and field names were matched in any case.
        var ex = Assert.Throws<JsonException>(() => Read(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(path, ex.Path);
    }

    [Theory]
    [InlineData("1h1h")]
    [InlineData("30m1h")]
    [InlineData("1s500ms1s")]
    public void D5_ToSpec_ReportsEvery_WhenADurationRepeatsAUnitOrHasThemOutOfOrder(string every)
    {
        var error = SingleError(new JobDefinition { Id = "dur", Every = every, Handler = "log" });

        Assert.StartsWith($"every: \"{every}\" is not a duration", error, StringComparison.Ordinal);
    }

    public static TheoryData<string, JobDefinition> ControlCharacterFields => new()
    {
        { "id", new JobDefinition { Id = "job\0", Every = "1h", Handler = "log" } },
        { "cron", new JobDefinition { Id = "job", Cron = "0 0 * * *\0", Handler = "log" } },
        { "cron", new JobDefinition { Id = "job", Cron = "0 0 * * *\u0007", Handler = "log" } },
        { "tz", new JobDefinition { Id = "job", Cron = "0 0 * * *", Tz = "UTC\0", Handler = "log" } },
        { "every", new JobDefinition { Id = "job", Every = "1h\0", Handler = "log" } },
        { "start", new JobDefinition { Id = "job", Every = "1h", Start = "2026-01-01T00:00:00Z\u001B", Handler = "log" } },
        { "at", new JobDefinition { Id = "job", At = "2026-12-01T08:00:00Z\0", Handler = "log" } },
        { "in", new JobDefinition { Id = "job", In = "\u00015m", Handler = "log" } },
        { "handler", new JobDefinition { Id = "job", Every = "1h", Handler = "lo\u0000g" } },
        { "queue", new JobDefinition { Id = "job", Every = "1h", Handler = "log", Queue = "default\r\n" } },
        { "misfire", new JobDefinition { Id = "job", Every = "1h", Handler = "log", Misfire = "Skip\0" } },
        { "overlap", new JobDefinition { Id = "job", Every = "1h", Handler = "log", Overlap = "Skip\u007F" } },
        { "timeout", new JobDefinition { Id = "job", Every = "1h", Handler = "log", Timeout = "30s\u0085" } },
    };

    [Theory]
    [MemberData(nameof(ControlCharacterFields))]
    public void D6_ToSpec_ReportsTheField_WhenItHoldsAControlCharacter(string field, JobDefinition definition)
    {
        var error = SingleError(definition);

        Assert.StartsWith($"{field}: has a control character (U+", error, StringComparison.Ordinal);
        Assert.DoesNotContain(error, char.IsControl);
    }

    [Theory]
    [InlineData("localtime")]
    [InlineData("posixrules")]
    [InlineData("right/UTC")]
    [InlineData("posix/Europe/Berlin")]
    [InlineData("W. Europe Standard Time")]
    public void ToSpec_ReportsTz_WhenTheZoneIsNotAnIanaId(string zone)
    {
        var error = SingleError(Minimal() with { Tz = zone });

        Assert.StartsWith($"tz: \"{zone}\" is not an IANA time zone id", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Europe/Dublin")]
    [InlineData("Eire")]
    [InlineData("Etc/GMT+5")]
    [InlineData("America/Ciudad_Juarez")]
    public void ToSpec_AcceptsTz_WhenTheZoneIsAnIanaIdOrAlias(string zone)
    {
        ValidSpec(Minimal() with { Tz = zone });
    }
}
