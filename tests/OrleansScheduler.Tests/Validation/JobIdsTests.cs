using OrleansScheduler.Validation;

namespace OrleansScheduler.Tests.Validation;

/// <summary>The rules <see cref="JobIds"/> applies to job ids and to queue and handler names.</summary>
public sealed class JobIdsTests
{
    private static List<string> Validate(string? id)
    {
        var errors = new List<string>();
        JobIds.Validate(id, errors);
        return errors;
    }

    [Theory]
    [InlineData("a")]
    [InlineData("nightly-report")]
    [InlineData("billing.invoices:eu-1")]
    [InlineData("UPPER_lower_123")]
    [InlineData("...")]
    public void Validate_Accepts_WhenIdHasOnlyAllowedCharacters(string id)
    {
        Assert.Empty(Validate(id));
    }

    [Fact]
    public void Validate_Accepts_WhenIdIsExactly200Characters()
    {
        Assert.Empty(Validate(new string('a', 200)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Validate_ReportsEmpty_WhenIdIsNullOrEmpty(string? id)
    {
        Assert.Equal(["id: is empty; expected 1-200 characters of [A-Za-z0-9._:-]"], Validate(id));
    }

    [Fact]
    public void Validate_ReportsLengthAndLimit_WhenIdIs201Characters()
    {
        Assert.Equal(["id: is 201 characters long; the limit is 200"], Validate(new string('a', 201)));
    }

    [Fact]
    public void Validate_ReportsOnlyTheLength_WhenIdIsTooLongAndHasForbiddenCharacters()
    {
        Assert.Equal(["id: is 201 characters long; the limit is 200"], Validate(new string(' ', 201)));
    }

    [Theory]
    [InlineData("my job")]
    [InlineData(" ")]
    [InlineData("reports/nightly")]
    [InlineData("job{1}")]
    [InlineData("job@2026-01-01")]
    [InlineData("café")]
    [InlineData("日本")]
    [InlineData("job🙂")]
    [InlineData("a*b")]
    public void Validate_ReportsTheIdAndAllowedCharacters_WhenIdHasAForbiddenCharacter(string id)
    {
        Assert.Equal([$"id: \"{id}\" has a character outside [A-Za-z0-9._:-]"], Validate(id));
    }

    [Theory]
    [InlineData("job\n", "000A", 4)]
    [InlineData("job\r\n", "000D", 4)]
    [InlineData("\n", "000A", 1)]
    [InlineData("tab\there", "0009", 4)]
    [InlineData("nul\0", "0000", 4)]
    public void Validate_ReportsTheControlCharacter_WithoutRepeatingTheId(string id, string codePoint, int position)
    {
        // Regression for the newlines: the pattern ended in $, which also matches before a final '\n'.
        Assert.Equal([$"id: has a control character (U+{codePoint}) at character {position}; control characters, tab and newline included, are not allowed"], Validate(id));
    }

    [Fact]
    public void ValidateName_NamesTheFieldAndItsLimit()
    {
        var errors = new List<string>();

        JobIds.ValidateName("queue", "", 100, errors);
        JobIds.ValidateName("queue", new string('q', 101), 100, errors);
        JobIds.ValidateName("handler", "send report", 100, errors);

        Assert.Equal(
            [
                "queue: is empty; expected 1-100 characters of [A-Za-z0-9._:-]",
                "queue: is 101 characters long; the limit is 100",
                "handler: \"send report\" has a character outside [A-Za-z0-9._:-]",
            ],
            errors);
    }
}
