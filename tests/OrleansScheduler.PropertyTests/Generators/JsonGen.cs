using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace OrleansScheduler.PropertyTests.Generators;

/// <summary>JSON texts of random shape: objects, arrays, strings with escapes and non-ASCII text, numbers, literals.</summary>
public static class JsonGen
{
    private const int MaxDepth = 4;
    private static readonly Gen<string>[] ValuesByDepth = BuildValues();

    /// <summary>A valid JSON text up to <c>4</c> levels deep, with random whitespace between tokens.</summary>
    public static Gen<string> Value { get; } = ValuesByDepth[MaxDepth];

    /// <summary>Arrays and objects nested 60 to 70 deep, around System.Text.Json's default limit of 64.</summary>
    public static Gen<string> Deep { get; } =
        from depth in Gen.Choose(60, 70)
        from kinds in Gen.ArrayOf(Gen.Elements('[', '{'), depth)
        let open = string.Concat(kinds.Select(k => k == '[' ? "[" : "{\"k\":"))
        let close = string.Concat(kinds.Reverse().Select(k => k == '[' ? "]" : "}"))
        select open + "1" + close;

    /// <summary>A JSON string literal of <paramref name="text"/>: quotes, backslashes and controls escaped, the rest as is.</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                < ' ' => builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }

    private static Gen<string>[] BuildValues()
    {
        var values = new Gen<string>[MaxDepth + 1];
        values[0] = Scalar();
        for (var depth = 1; depth <= MaxDepth; depth++)
        {
            var inner = values[depth - 1];
            values[depth] = Gen.Frequency((3, Scalar()), (1, Array(inner)), (2, Object(inner)));
        }

        return values;
    }

    private static Gen<string> Scalar() => Gen.Frequency(
        (3, StringLiteral()),
        (2, Gen.Choose(int.MinValue, int.MaxValue).Select(n => n.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Elements("0", "-0", "1.5", "-2.25e-3", "6.02E+23", "1e400", "123456789012345678901234567890")),
        (1, Gen.Elements("true", "false", "null")));

    private static Gen<string> StringLiteral() =>
        from text in Gen.Frequency(
            (3, TextGen.Garbage),
            (1, Gen.Elements("", "\n", "\u0000", "\\", "\"quoted\"", "tab\there", "\u2028")))
        from escapedForm in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        select escapedForm ? "\"" + string.Concat(text.Select(c => $"\\u{(int)c:x4}")) + "\"" : Quote(text);

    private static Gen<string> Array(Gen<string> inner) =>
        from count in Gen.Choose(0, 4)
        from items in Gen.ArrayOf(inner, count)
        from space in Whitespace()
        select "[" + space + string.Join("," + space, items) + "]";

    private static Gen<string> Object(Gen<string> inner) =>
        from count in Gen.Choose(0, 4)
        from keys in Gen.ArrayOf(TextGen.Garbage, count)
        let distinct = keys.Distinct(StringComparer.Ordinal).ToArray()
        from values in Gen.ArrayOf(inner, distinct.Length)
        from space in Whitespace()
        select "{" + space + string.Join("," + space, distinct.Select((k, i) => Quote(k) + ":" + space + values[i])) + space + "}";

    private static Gen<string> Whitespace() => Gen.Frequency(
        (6, Gen.Constant("")),
        (1, Gen.Elements(" ", "\n", "\r\n", "\t", "  ")));
}
