using System.Text;
using System.Text.Json;
using OrleansScheduler.Json;

namespace OrleansScheduler.Tests.Json;

/// <summary>
/// <see cref="JsonReadErrors"/>: System.Text.Json's errors reading a job definition, worded by field and expectation,
/// never naming a .NET type.
/// </summary>
public sealed class JsonReadErrorsTests
{
    private static string DescribeReading(string json) => DescribeReading(Encoding.UTF8.GetBytes(json));

    private static string DescribeReading(byte[] json)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<JobDefinition>(json, OschedJson.Options));
        return JsonReadErrors.Describe(ex, "body");
    }

    [Theory]
    [InlineData("""{"maxAttempts":"3"}""", "maxAttempts: expected a whole number, found a string")]
    [InlineData("""{"maxAttempts":true}""", "maxAttempts: expected a whole number, found a boolean")]
    [InlineData("""{"maxAttempts":1.5}""", "maxAttempts: expected a whole number")]
    [InlineData("""{"maxAttempts":99999999999}""", "maxAttempts: expected a whole number")]
    [InlineData("""{"cron":5}""", "cron: expected a string, found a number")]
    [InlineData("""{"handler":{"name":"log"}}""", "handler: expected a string, found an object")]
    [InlineData("""{"tz":["UTC"]}""", "tz: expected a string, found an array")]
    [InlineData("""[{"every":"1h"}]""", "body: expected an object")]
    [InlineData("""  "every 1h"  """, "body: expected an object")]
    [InlineData("""{"bogus":1}""", "bogus: is not a known field")]
    [InlineData("""{"Every":"1h"}""", "Every: is not a known field; field names are case-sensitive camelCase")]
    [InlineData("""{"every":"1h","every":"1s"}""", "every: is given more than once")]
    [InlineData("""{"payload":{"a":1,"a":2}}""", "payload: has the property \"a\" more than once")]
    // Found by the fuzz test (seed 2112, definition case 3804 and 25 more): an empty field name gave ": is not a known field".
    [InlineData("""{"tz":"http","":"log"}""", "\"\": is not a known field")]
    [InlineData("""{"every":}""", "body: is not valid JSON: '}' is an invalid start of a value (line 1, byte 10)")]
    public void Describe_NamesTheFieldAndWhatWasExpected(string json, string expected)
    {
        Assert.Equal(expected, DescribeReading(json));
    }

    [Fact]
    public void Describe_SaysInvalidUtf8_WhenAStringOrThePayloadIsNotUtf8()
    {
        byte[] cron = [.. "{\"cron\":\"0 0 * * *"u8, 0xFF, .. "\"}"u8];
        byte[] payload = [.. "{\"payload\":["u8, 0x22, 0xC3, 0x28, 0x22, .. "]}"u8];

        Assert.Equal("cron: is not valid UTF-8", DescribeReading(cron));
        Assert.Equal("payload: is not valid UTF-8", DescribeReading(payload));
    }

    [Fact]
    public void Describe_PrefixesFieldsOfAPayload_AndNamesThePayloadItself()
    {
        var wrongType = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Dictionary<string, int>>("""{"level":"x"}"""));
        var notAnObject = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Dictionary<string, int>>("""[1]"""));

        Assert.Equal("payload.level: expected a whole number, found a string", JsonReadErrors.Describe(wrongType, "payload", "payload."));
        Assert.Equal("payload: expected an object", JsonReadErrors.Describe(notAnObject, "payload", "payload."));
    }

    [Fact]
    public void Describe_NeverNamesADotNetType()
    {
        foreach (var json in new[] { """{"maxAttempts":{}}""", """{"payload":1,"start":[]}""", "[]", "5", """{"misfire":null,"overlap":7}""" })
        {
            var message = DescribeReading(json);

            Assert.DoesNotContain("System.", message, StringComparison.Ordinal);
            Assert.DoesNotContain("OrleansScheduler.", message, StringComparison.Ordinal);
        }
    }
}
