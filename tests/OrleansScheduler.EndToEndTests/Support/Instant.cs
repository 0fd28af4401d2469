namespace OrleansScheduler.EndToEndTests.Support;

/// <summary>The instants osched prints (<see cref="InstantFormat"/>), e.g. <c>2026-12-01T08:00:00.000Z</c>, read strictly.</summary>
public static class Instant
{
    /// <summary>Parses an instant in exactly <see cref="InstantFormat.Pattern"/>; any other shape fails the test.</summary>
    public static DateTimeOffset Parse(string text) =>
        InstantFormat.TryParseExact(text, out var instant)
            ? instant
            : throw new Xunit.Sdk.XunitException($"\"{text}\" is not an instant in the form {InstantFormat.Pattern}");

    /// <summary>Formats an instant the way osched prints it.</summary>
    public static string Print(DateTimeOffset instant) => InstantFormat.Format(instant);
}
