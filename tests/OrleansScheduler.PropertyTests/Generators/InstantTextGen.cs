using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace OrleansScheduler.PropertyTests.Generators;

/// <summary>ISO 8601 instants as text: with <c>Z</c> or an offset, with up to seven fraction digits, and texts that are not instants.</summary>
public static class InstantTextGen
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", "yyyy-MM-dd'T'HH:mm:ss.fffzzz",
        "yyyy-MM-dd'T'HH:mm:sszzz", "o", "yyyy-MM-dd't'HH:mm:ss'z'",
    ];

    /// <summary>A moderate instant formatted as ISO 8601 with <c>Z</c> or an offset, with 0, 3 or 7 fraction digits.</summary>
    public static Gen<string> WellFormed { get; } =
        from instant in InstantGen.Moderate
        from format in Gen.Elements(Formats)
        select Format(instant, format);

    /// <summary>Any text: formatted instants (some with their offset, some converted to UTC), near-misses and garbage.</summary>
    public static Gen<string> Any { get; } = Gen.Frequency(
        (6, from instant in InstantGen.Any
            from format in Gen.Elements(Formats)
            select Format(instant, format)),
        (2, Gen.Elements(
            "", " ", "2026-12-01", "2026-12-01T08:00:00", "2026-12-01 08:00:00Z", "2026-12-01T08:00:00+0100", "2026-13-01T08:00:00Z",
            "2026-02-30T08:00:00Z", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "tomorrow", "1764576000", "2026-12-01T08:00:00Z ")),
        (1, TextGen.Garbage));

    private static string Format(DateTimeOffset instant, string format) =>
        // A format ending in a literal Z describes UTC, so print the instant in UTC for it.
        (format.EndsWith("Z'", StringComparison.OrdinalIgnoreCase) ? instant.ToUniversalTime() : instant)
            .ToString(format, CultureInfo.InvariantCulture);
}
