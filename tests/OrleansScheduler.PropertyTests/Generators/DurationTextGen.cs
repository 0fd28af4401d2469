using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace OrleansScheduler.PropertyTests.Generators;

/// <summary>Durations as an apply file or the command line writes them (<c>500ms</c>, <c>1h30m</c>), and texts that are not quite that (<c>1h1h</c>, <c>30m1h</c>).</summary>
public static class DurationTextGen
{
    private static readonly string[] UnitsLargestFirst = ["d", "h", "m", "s", "ms"];

    /// <summary>
    /// One to three <c>{number}{unit}</c> parts, each unit once and the larger first: numbers small, large, zero, and
    /// past the range of <see cref="TimeSpan"/>.
    /// </summary>
    public static Gen<string> WellFormed { get; } =
        from units in Gen.Frequency(
            (4, Gen.Elements(UnitsLargestFirst).Select(u => new[] { u })),
            (3, Gen.SubListOf(UnitsLargestFirst).Where(l => l.Count is 2 or 3).Select(l => l.OrderBy(u => Array.IndexOf(UnitsLargestFirst, u)).ToArray())))
        from numbers in Gen.ArrayOf(Number(), units.Length)
        select string.Concat(numbers.Zip(units, (number, unit) => number + unit));

    /// <summary>Any text: well-formed, malformed (signs, decimals, spaces, case, unknown units, no unit) or garbage.</summary>
    public static Gen<string> Any { get; } = Gen.Frequency(
        (6, WellFormed),
        (2, Gen.Elements("", " ", "5", "s", "-5s", "+5s", "1.5s", "5 s", "1h 30m", "5S", "5sec", "5ms5", "0x10s", "٥s", "5s ", " 5s", "10675200d", "99999999999999999999d", "9223372036854775807ms", "1h1h", "30m1h", "1s500ms1s", "5s\0")),
        (1, TextGen.Garbage));

    private static Gen<string> Number() =>
        from number in Gen.Frequency(
            (6, Gen.Choose(0, 120)),
            (2, Gen.Choose(0, int.MaxValue)),
            (1, Gen.Elements(0, 1, 999, 1000, 86_400)))
        select number.ToString(CultureInfo.InvariantCulture);
}
