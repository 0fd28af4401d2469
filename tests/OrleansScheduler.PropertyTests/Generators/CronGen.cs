using FsCheck;
using FsCheck.Fluent;

namespace OrleansScheduler.PropertyTests.Generators;

/// <summary>
/// Cron expressions built field by field from random values: in range, out of range, steps, lists, ranges, names,
/// <c>L</c>/<c>W</c>/<c>#</c>, wrong field counts, macros and garbage text. Whether one is valid is for
/// <see cref="Oracles.SpecOracle"/> (that is, Cronos) to say, not for the generator.
/// </summary>
public static class CronGen
{
    private static readonly CronField Second = new(0, 59, []);
    private static readonly CronField Minute = new(0, 59, []);
    private static readonly CronField Hour = new(0, 23, []);
    private static readonly CronField DayOfMonth = new(1, 31, []);
    private static readonly CronField Month = new(1, 12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]);
    private static readonly CronField DayOfWeek = new(0, 7, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]);

    private static readonly string[] Macros =
        ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly", "@every_minute", "@every_second"];

    /// <summary>Any expression, null included; roughly half of them valid.</summary>
    public static Gen<string?> Any { get; } = Gen.Frequency(
        (8, Fields(outOfRange: false)),
        (3, Fields(outOfRange: true)),
        (2, WrongFieldCount()),
        (2, Macro(valid: false)),
        (2, Garbage()),
        (1, Gen.Constant<string?>(null)));

    /// <summary>Expressions made only of in-range parts, separated by spaces: almost all valid (the oracle has the last word).</summary>
    public static Gen<string> WellFormed { get; } = Gen.Frequency(
        (9, Fields(outOfRange: false, tabs: false).Select(e => e!)),
        (1, Macro(valid: true).Select(e => e!)));

    /// <summary>Fixed second, minute, hour, day (1–28) and month: one occurrence a year, some far from now.</summary>
    public static Gen<string> Yearly { get; } =
        from second in Gen.Choose(0, 59)
        from minute in Gen.Choose(0, 59)
        from hour in Gen.Choose(0, 23)
        from day in Gen.Choose(1, 28)
        from month in Gen.Choose(1, 12)
        from withSeconds in Gen.Elements(true, false)
        select withSeconds ? $"{second} {minute} {hour} {day} {month} *" : $"{minute} {hour} {day} {month} *";

    private static Gen<string?> Fields(bool outOfRange, bool tabs = true) =>
        from withSeconds in Gen.Elements(true, false)
        let fields = withSeconds
            ? new[] { Second, Minute, Hour, DayOfMonth, Month, DayOfWeek }
            : new[] { Minute, Hour, DayOfMonth, Month, DayOfWeek }
        from broken in outOfRange ? Gen.Choose(0, fields.Length - 1) : Gen.Constant(-1)
        from parts in Gen.CollectToArray(fields.Select((field, i) => FieldText(field, i == broken, i >= fields.Length - 3)))
        from text in Join(parts, tabs)
        select (string?)text;

    private static Gen<string?> WrongFieldCount() =>
        from count in Gen.Elements(1, 2, 3, 4, 7, 8)
        from parts in Gen.ArrayOf(FieldText(Minute, outOfRange: false, calendar: false), count)
        from text in Join(parts, tabs: true)
        select (string?)text;

    private static Gen<string?> Macro(bool valid) => valid
        ? Gen.Elements(Macros).Select(m => (string?)m)
        : Gen.Frequency(
            (4, Gen.Elements(Macros).Select(m => (string?)m)),
            (1, Gen.Elements(Macros).Select(m => (string?)m.ToUpperInvariant())),
            (1, Gen.Elements<string?>("@", "@never", "@ daily", "@daily 5", "@daily * *", "@reboot", "@every_hour", " @hourly ")));

    private static Gen<string?> Garbage() => Gen.Frequency(
        (2, Gen.Elements<string?>("", " ", "\t", "*", "* * * * * * * * *", "H * * * *", "H H * * * *", "0 0 * * MON-", "not a cron", "0 0 ? * ?", "0 0 L * *", "1,,2 * * * *", "*/0 * * * *", "∗ ∗ ∗ ∗ ∗", "0\u00A00 * * *", "0 0 * * * \n")),
        (1, TextGen.Garbage.Select(s => (string?)s)),
        (1, TextGen.WithLoneSurrogate.Select(s => (string?)("0 0 " + s + " * *"))));

    /// <summary>One field: a list of one to three terms; <paramref name="calendar"/> adds the day and month specials (?, L, W, #).</summary>
    private static Gen<string> FieldText(CronField field, bool outOfRange, bool calendar) =>
        from count in Gen.Frequency((6, Gen.Constant(1)), (2, Gen.Constant(2)), (1, Gen.Constant(3)))
        from terms in Gen.ArrayOf(Term(field, outOfRange, calendar), count)
        select string.Join(',', terms);

    private static Gen<string> Term(CronField field, bool outOfRange, bool calendar)
    {
        var value = outOfRange ? OutOfRange(field) : Value(field);
        var number = outOfRange ? OutOfRange(field) : Gen.Choose(field.Min, field.Max).Select(Text);
        var step = outOfRange ? Gen.Elements("0", "-1", "100", "x") : Gen.Choose(1, field.Max + 1).Select(Text);
        var terms = new List<(int, Gen<string>)>
        {
            (3, Gen.Constant("*")),
            (4, value),
            (2, from a in number from b in number select $"{a}-{b}"),
            (2, from s in step select $"*/{s}"),
            (1, from a in number from s in step select $"{a}/{s}"),
            (1, from a in number from b in number from s in step select $"{a}-{b}/{s}"),
        };
        if (calendar)
        {
            terms.Add((1, Gen.Elements("?", "L", "L-3", "15W", "LW", "5L", "1#3", "7#5", "6#6")));
        }

        return Gen.Frequency(terms);
    }

    private static Gen<string> Value(CronField field) => field.Names.Length == 0
        ? Gen.Choose(field.Min, field.Max).Select(Text)
        : Gen.Frequency(
            (3, Gen.Choose(field.Min, field.Max).Select(Text)),
            (1, Gen.Elements(field.Names)),
            (1, Gen.Elements(field.Names).Select(n => n.ToLowerInvariant())));

    private static Gen<string> OutOfRange(CronField field) => Gen.Elements(
        Text(field.Min - 1), Text(field.Max + 1), Text(field.Max + 40), "99", "1000", "-5", "4294967296", "X", "JANUARY");

    /// <summary>Joins fields with spaces, sometimes several; with <paramref name="tabs"/>, sometimes a tab (a control character, refused).</summary>
    private static Gen<string> Join(string[] parts, bool tabs) =>
        from separators in Gen.ArrayOf(tabs ? Gen.Frequency((8, Gen.Constant(" ")), (1, Gen.Constant("   ")), (1, Gen.Constant("\t"))) : Gen.Frequency((8, Gen.Constant(" ")), (1, Gen.Constant("   "))), parts.Length)
        from padded in Gen.Frequency((8, Gen.Constant(false)), (1, Gen.Constant(true)))
        let body = string.Concat(parts.Select((p, i) => i == 0 ? p : separators[i] + p))
        select padded ? $" {body} " : body;

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed record CronField(int Min, int Max, string[] Names);
}
