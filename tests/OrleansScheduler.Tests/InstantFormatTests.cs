using static OrleansScheduler.Tests.Instants;

namespace OrleansScheduler.Tests;

/// <summary>The one text form of instants (<see cref="InstantFormat"/>): what it writes, and what it reads.</summary>
public sealed class InstantFormatTests
{
    [Fact]
    public void Format_WritesUtcWithThreeFractionDigits()
    {
        Assert.Equal("2026-12-01T08:00:00.000Z", InstantFormat.Format(At("2026-12-01T09:00:00+01:00")));
        Assert.Equal("2026-12-01T08:00:00.999Z", InstantFormat.Format(At("2026-12-01T08:00:00.9999999Z")));
        Assert.Null(InstantFormat.Format(null));
    }

    [Fact]
    public void Pattern_IsIso8601UtcWithMilliseconds()
    {
        Assert.Equal("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", InstantFormat.Pattern);
    }

    [Theory]
    [InlineData("2026-12-01T08:00:00Z", "2026-12-01T08:00:00Z")]
    [InlineData("2026-12-01t08:00:00z", "2026-12-01T08:00:00Z")]
    [InlineData(" 2026-12-01T09:00:00.5+01:00 ", "2026-12-01T08:00:00.5Z")]
    [InlineData("2026-12-01T08:00:00.000Z", "2026-12-01T08:00:00Z")]
    public void TryParse_ReadsIso8601WithOffset(string text, string expectedUtc)
    {
        Assert.True(InstantFormat.TryParse(text, out var instant));

        Assert.Equal(At(expectedUtc), instant);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("2026-12-01T08:00:00")]
    [InlineData("2026-12-01 08:00:00Z")]
    [InlineData("2026-12-01")]
    [InlineData("tomorrow")]
    public void TryParse_RejectsTextWithoutOffsetOrTime(string? text)
    {
        Assert.False(InstantFormat.TryParse(text, out _));
    }

    [Fact]
    public void TryParseExact_ReadsWhatFormatWrites()
    {
        var instant = At("2026-12-01T08:00:00.125Z");

        Assert.True(InstantFormat.TryParseExact(InstantFormat.Format(instant), out var read));

        Assert.Equal(instant, read);
        Assert.Equal(TimeSpan.Zero, read.Offset);
    }

    [Theory]
    [InlineData("2026-12-01T08:00:00Z")]
    [InlineData("2026-12-01T09:00:00.000+01:00")]
    [InlineData("manual-2026-12-01T08:00:00.000Z-0a1b2c3d")]
    [InlineData(null)]
    public void TryParseExact_RejectsAnyOtherShape(string? text)
    {
        Assert.False(InstantFormat.TryParseExact(text, out _));
    }

    [Fact]
    public void ToWholeMilliseconds_FloorsToUtcMilliseconds()
    {
        Assert.Equal("2026-12-01T08:00:00.999Z", Utc(InstantFormat.ToWholeMilliseconds(At("2026-12-01T09:00:00.9999999+01:00"))));
        Assert.Equal("1969-12-31T23:59:59.999Z", Utc(InstantFormat.ToWholeMilliseconds(At("1969-12-31T23:59:59.9995Z"))));
    }
}
