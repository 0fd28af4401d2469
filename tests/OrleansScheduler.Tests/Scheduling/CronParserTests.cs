using OrleansScheduler.Scheduling;

namespace OrleansScheduler.Tests.Scheduling;

/// <summary>Which cron expressions <see cref="CronParser"/> accepts and how it names the ones it rejects.</summary>
public sealed class CronParserTests
{
    private const string FieldsRule = "expected 5 (minute hour day month weekday) or 6 (seconds first)";

    [Theory]
    [InlineData("* * * * *")]
    [InlineData("0 8 * * MON-FRI")]
    [InlineData("*/15 0-6 1,15 JAN-MAR SUN")]
    [InlineData("0 0 L * *")]
    [InlineData("0 0 ? * MON")]
    [InlineData("  0   8 * *  *  ")]
    public void TryParse_AcceptsExpression_WhenItHasFiveFields(string expression)
    {
        var errors = new List<string>();

        Assert.NotNull(CronParser.TryParse(expression, errors));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("* * * * * *")]
    [InlineData("*/10 * * * * *")]
    [InlineData("30 0 12 * * *")]
    public void TryParse_AcceptsExpression_WhenItHasSixFieldsWithSecondsFirst(string expression)
    {
        var errors = new List<string>();

        Assert.NotNull(CronParser.TryParse(expression, errors));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("@every_second")]
    [InlineData("@every_minute")]
    [InlineData("@hourly")]
    [InlineData("@daily")]
    [InlineData("@midnight")]
    [InlineData("@weekly")]
    [InlineData("@monthly")]
    [InlineData("@yearly")]
    [InlineData("@annually")]
    [InlineData("@DAILY")]
    public void TryParse_AcceptsMacro(string macro)
    {
        var errors = new List<string>();

        Assert.NotNull(CronParser.TryParse(macro, errors));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void TryParse_ReportsEmpty_WhenExpressionIsNullEmptyOrWhitespace(string? expression)
    {
        var errors = new List<string>();

        Assert.Null(CronParser.TryParse(expression, errors));
        Assert.Equal(["cron: is empty; expected 5 fields (minute hour day month weekday) or 6 with seconds first"], errors);
    }

    [Theory]
    [InlineData("* * * *", "4 fields")]
    [InlineData("0 0 0 1 1 * 2026", "7 fields")]
    [InlineData("daily", "1 field")]
    public void TryParse_ReportsFieldCount_WhenExpressionHasWrongNumberOfFields(string expression, string count)
    {
        var errors = new List<string>();

        Assert.Null(CronParser.TryParse(expression, errors));
        Assert.Equal([$"cron: \"{expression}\" has {count}; {FieldsRule}"], errors);
    }

    [Theory]
    [InlineData("60 * * * *", "Minutes")]
    [InlineData("0 24 * * *", "Hours")]
    [InlineData("0 0 32 * *", "Days of month")]
    [InlineData("0 0 * 13 *", "Months")]
    [InlineData("0 0 * * 8", "Days of week")]
    [InlineData("60 0 0 * * *", "Seconds")]
    [InlineData("a b c d e", null)]
    [InlineData("*/0 * * * *", null)]
    [InlineData("@fortnightly", null)]
    public void TryParse_ReportsExpressionAndCronosReason_WhenAFieldValueIsInvalid(string expression, string? field)
    {
        var errors = new List<string>();

        Assert.Null(CronParser.TryParse(expression, errors));
        var error = Assert.Single(errors);
        Assert.StartsWith($"cron: \"{expression}\" is not a valid cron expression: ", error, StringComparison.Ordinal);
        if (field is not null)
        {
            Assert.Contains(field, error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("H * * * *")]
    [InlineData("0 H * * * *")]
    public void TryParse_ReportsJitterAsUnsupported_WhenExpressionUsesH(string expression)
    {
        // Cronos throws MissingSeedException (not CronFormatException) here; it must become a message, not escape.
        var errors = new List<string>();

        Assert.Null(CronParser.TryParse(expression, errors));
        Assert.Equal([$"cron: \"{expression}\" uses H (jitter), which is not supported; give explicit values"], errors);
    }

    [Fact]
    public void TryParse_ReportsOriginalText_WhenExpressionHasSurroundingWhitespace()
    {
        var errors = new List<string>();

        CronParser.TryParse(" * * * * ", errors);

        Assert.Equal([$"cron: \" * * * * \" has 4 fields; {FieldsRule}"], errors);
    }
}
