using System.Text;
using OrleansScheduler.Validation;

namespace OrleansScheduler.Tests.Validation;

/// <summary>The handler, queue, payload, attempts, policies and timeout rules of <see cref="JobSpecValidator"/>.</summary>
public sealed partial class JobSpecValidatorTests
{
    // ---- handler ----

    [Theory]
    [InlineData("send report")]
    [InlineData("Reports/Send")]
    [InlineData("Reports.Send{T}")]
    [InlineData("rapport-générer")]
    public void Validate_ReportsTheHandler_WhenHandlerNameHasAForbiddenCharacter(string handler)
    {
        var error = SingleError(ValidSpec() with { Handler = handler });

        Assert.Equal($"handler: \"{handler}\" has a character outside [A-Za-z0-9._:-]", error);
    }

    [Fact]
    public void Validate_ReportsEmptyHandler_WhenHandlerIsEmpty()
    {
        Assert.Equal("handler: is empty; expected 1-100 characters of [A-Za-z0-9._:-]", SingleError(ValidSpec() with { Handler = "" }));
    }

    [Fact]
    public void Validate_ReportsHandlerLength_WhenHandlerIs101Characters()
    {
        var error = SingleError(ValidSpec() with { Handler = new string('h', 101) });

        Assert.Equal("handler: is 101 characters long; the limit is 100", error);
    }

    [Fact]
    public void Validate_Accepts_WhenHandlerIsExactly100Characters()
    {
        Assert.Empty(JobSpecValidator.Validate(ValidId, ValidSpec() with { Handler = new string('h', 100) }));
    }

    // ---- queue ----

    [Theory]
    [InlineData("", "queue: is empty; expected 1-100 characters of [A-Za-z0-9._:-]")]
    [InlineData("high priority", "queue: \"high priority\" has a character outside [A-Za-z0-9._:-]")]
    [InlineData("reports/eu", "queue: \"reports/eu\" has a character outside [A-Za-z0-9._:-]")]
    [InlineData("{default}", "queue: \"{default}\" has a character outside [A-Za-z0-9._:-]")]
    public void Validate_ReportsTheQueue_WhenQueueNameBreaksARule(string queue, string expected)
    {
        Assert.Equal(expected, SingleError(ValidSpec() with { Queue = queue }));
    }

    [Fact]
    public void Validate_ReportsQueueLength_WhenQueueIs101Characters()
    {
        Assert.Equal("queue: is 101 characters long; the limit is 100", SingleError(ValidSpec() with { Queue = new string('q', 101) }));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("reports:eu-1.high_priority")]
    public void Validate_Accepts_WhenQueueNameFollowsTheRules(string queue)
    {
        Assert.Empty(JobSpecValidator.Validate(ValidId, ValidSpec() with { Queue = queue }));
    }

    // ---- payload ----

    [Theory]
    [InlineData('a', 1)]
    [InlineData('é', 2)]
    [InlineData('€', 3)]
    public void Validate_Accepts_WhenPayloadIsExactly64KiBOfUtf8(char filler, int bytesPerChar)
    {
        var payload = JsonString(filler, bytesPerChar, JobSpec.MaxPayloadBytes);

        Assert.Equal(65_536, Encoding.UTF8.GetByteCount(payload));
        Assert.Empty(JobSpecValidator.Validate(ValidId, ValidSpec() with { Payload = payload }));
    }

    [Theory]
    [InlineData('a', 1)]
    [InlineData('é', 2)]
    [InlineData('€', 3)]
    public void Validate_ReportsUtf8ByteCount_WhenPayloadIsOneByteOver64KiB(char filler, int bytesPerChar)
    {
        var payload = JsonString(filler, bytesPerChar, JobSpec.MaxPayloadBytes + 1);

        Assert.Equal(65_537, Encoding.UTF8.GetByteCount(payload));
        Assert.Equal("payload: is 65537 bytes; the limit is 65536 bytes (64 KiB)", SingleError(ValidSpec() with { Payload = payload }));
    }

    [Fact]
    public void Validate_CountsSurrogatePairsAsFourBytes_WhenPayloadHasEmoji()
    {
        // 16,384 emoji are 32,768 UTF-16 chars but 65,536 UTF-8 bytes; with the quotes the payload is 65,538 bytes.
        var payload = "\"" + string.Concat(Enumerable.Repeat("🙂", 16_384)) + "\"";

        Assert.Equal("payload: is 65538 bytes; the limit is 65536 bytes (64 KiB)", SingleError(ValidSpec() with { Payload = payload }));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    [InlineData("{\"a\":1} trailing")]
    [InlineData("{'a':1}")]
    [InlineData("undefined")]
    public void Validate_ReportsInvalidJson_WhenPayloadIsNotJson(string payload)
    {
        Assert.StartsWith("payload: is not valid JSON: ", SingleError(ValidSpec() with { Payload = payload }), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[1,2,3]")]
    [InlineData("42")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    [InlineData(" { \"nested\": { \"a\": [true, false] } } ")]
    public void Validate_Accepts_WhenPayloadIsAnyJsonValue(string payload)
    {
        Assert.Empty(JobSpecValidator.Validate(ValidId, ValidSpec() with { Payload = payload }));
    }

    // ---- attempts and policies ----

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-1)]
    public void Validate_ReportsAttemptsAndRange_WhenMaxAttemptsIsOutside1To100(int maxAttempts)
    {
        Assert.Equal($"maxAttempts: {maxAttempts} is outside 1-100", SingleError(ValidSpec() with { MaxAttempts = maxAttempts }));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void Validate_Accepts_WhenMaxAttemptsIsAtABound(int maxAttempts)
    {
        Assert.Empty(JobSpecValidator.Validate(ValidId, ValidSpec() with { MaxAttempts = maxAttempts }));
    }

    [Fact]
    public void Validate_ReportsMisfireValue_WhenMisfirePolicyIsUndefined()
    {
        Assert.Equal("misfire: 3 is not one of FireOnce, FireAll, Skip", SingleError(ValidSpec() with { Misfire = (MisfirePolicy)3 }));
    }

    [Fact]
    public void Validate_ReportsOverlapValue_WhenOverlapPolicyIsUndefined()
    {
        Assert.Equal("overlap: 2 is not one of Allow, Skip", SingleError(ValidSpec() with { Overlap = (OverlapPolicy)2 }));
    }

    // ---- timeout ----

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(-1_000, "-1s")]
    [InlineData(86_400_001, "1d1ms")]
    [InlineData(172_800_000, "2d")]
    public void Validate_ReportsTimeoutAndRange_WhenTimeoutIsNotPositiveOrOverOneDay(long milliseconds, string shown)
    {
        var error = SingleError(ValidSpec() with { Timeout = TimeSpan.FromMilliseconds(milliseconds) });

        Assert.Equal($"timeout: \"{shown}\" is outside 1ms-1d", error);
    }

    [Fact]
    public void Validate_ReportsTimeout_WhenTimeoutIsBelowOneMillisecond()
    {
        // Below the stated 1ms minimum; accepted before, it exported as a timeout that could not be applied again.
        var error = SingleError(ValidSpec() with { Timeout = TimeSpan.FromTicks(5_000) });

        Assert.Equal("timeout: \"0ms\" is outside 1ms-1d", error);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(30_000)]
    [InlineData(86_400_000)]
    public void Validate_Accepts_WhenTimeoutIsWithin1msTo1d(long milliseconds)
    {
        Assert.Empty(JobSpecValidator.Validate(ValidId, ValidSpec() with { Timeout = TimeSpan.FromMilliseconds(milliseconds) }));
    }

    /// <summary>A JSON string literal of exactly <paramref name="totalBytes"/> UTF-8 bytes, padded with ASCII.</summary>
    private static string JsonString(char filler, int bytesPerChar, int totalBytes)
    {
        var content = totalBytes - 2;
        var fillers = content / bytesPerChar;
        return "\"" + new string(filler, fillers) + new string('a', content - (fillers * bytesPerChar)) + "\"";
    }
}
