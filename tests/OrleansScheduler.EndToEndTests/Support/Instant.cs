using System.Globalization;

namespace OrleansScheduler.EndToEndTests.Support;

/// <summary>The instants osched prints: UTC ISO 8601 with milliseconds, e.g. <c>2026-12-01T08:00:00.000Z</c>.</summary>
public static class Instant
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Parses an instant in exactly <see cref="Format"/>; any other shape fails the test.</summary>
    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : throw new Xunit.Sdk.XunitException($"\"{text}\" is not an instant in the form {Format}");

    /// <summary>Formats an instant the way osched prints it.</summary>
    public static string Print(DateTimeOffset instant) => instant.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);
}
