using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace OrleansScheduler.PropertyTests.Generators;

/// <summary>Durations as an apply file or the command line writes them (<c>500ms</c>, <c>1h30m</c>), and texts that are not quite that.</summary>
public static class DurationTextGen
{
    private static readonly string[] Units = ["ms", "s", "m", "h", "d"];

    /// <summary>One or more <c>{number}{unit}</c> parts: small, large, zero, and past the range of <see cref="TimeSpan"/>.</summary>
    public static Gen<string> WellFormed { get; } =
        from count in Gen.Frequency((4, Gen.Constant(1)), (2, Gen.Constant(2)), (1, Gen.Constant(3)))
        from parts in Gen.ArrayOf(Part(), count)
        select string.Concat(parts);

    /// <summary>Any text: well-formed, malformed (signs, decimals, spaces, case, unknown units, no unit) or garbage.</summary>
    public static Gen<string> Any { get; } = Gen.Frequency(
        (6, WellFormed),
        (2, Gen.Elements("", " ", "5", "s", "-5s", "+5s", "1.5s", "5 s", "1h 30m", "5S", "5sec", "5ms5", "0x10s", "٥s", "5s ", " 5s", "10675200d", "99999999999999999999d", "9223372036854775807ms")),
        (1, TextGen.Garbage));

    private static Gen<string> Part() =>
        from number in Gen.Frequency(
            (6, Gen.Choose(0, 120)),
            (2, Gen.Choose(0, int.MaxValue)),
            (1, Gen.Elements(0, 1, 999, 1000, 86_400)))
        from unit in Gen.Elements(Units)
        select number.ToString(CultureInfo.InvariantCulture) + unit;
}
