using System.Globalization;
using System.Text;

namespace OrleansScheduler.Testing.Fuzzing;

/// <summary>
/// Makes hostile documents from <see cref="FuzzCorpus"/>: field-level mutations (wrong types, edge values, duplicate,
/// dropped and renamed fields, deep and huge values) and then, for some, byte-level ones (bit flips, truncation,
/// splicing, invalid UTF-8 and raw control characters inside strings). Deterministic for a given <see cref="Random"/>.
/// </summary>
public static class FuzzMutator
{
    // Invalid UTF-8: lone continuation and lead bytes, an overlong NUL, an encoded surrogate, a code point past U+10FFFF.
    private static readonly byte[][] InvalidUtf8 = [[0xFF], [0xFE, 0xFF], [0x80], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]];

    /// <summary>A job definition: a corpus entry with one to four mutations.</summary>
    public static FuzzInput Definition(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var index = random.Next(FuzzCorpus.Definitions.Count);
        var bytes = Encoding.UTF8.GetBytes(FuzzCorpus.Definitions[index]);
        var recipe = new StringBuilder("corpus ").Append(index.ToString(CultureInfo.InvariantCulture));
        var mutations = random.Next(4) switch { 0 => 0, 1 => 1, 2 => 2, _ => random.Next(3, 5) };
        for (var i = 0; i < mutations; i++)
        {
            // Field mutations first and more often: they reach the validator; byte ones mostly stop at the reader.
            bytes = random.Next(10) < 7 ? MutateField(bytes, random, recipe) : MutateBytes(bytes, random, recipe);
        }

        return new FuzzInput(bytes, recipe.ToString());
    }

    /// <summary>One field-level mutation of <paramref name="json"/>, described in <paramref name="recipe"/>.</summary>
    public static byte[] MutateField(byte[] json, Random random, StringBuilder recipe)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(recipe);
        var field = Pick(random, FuzzCorpus.Fields);
        switch (random.Next(9))
        {
            case 0:
            case 1:
            case 2:
                var value = Pick(random, FuzzCorpus.Values);
                recipe.Append(CultureInfo.InvariantCulture, $" | set {field} = {value}");
                return JsonFields.Set(json, field, value);
            case 3:
                var again = Pick(random, FuzzCorpus.Values);
                recipe.Append(CultureInfo.InvariantCulture, $" | add {field} = {again} (again if present)");
                return JsonFields.Add(json, field, again);
            case 4:
                recipe.Append(CultureInfo.InvariantCulture, $" | drop {field}");
                return JsonFields.Remove(json, field);
            case 5:
                var renamed = random.Next(3) switch { 0 => field.ToUpperInvariant(), 1 => field + "s", _ => "x-" + field };
                recipe.Append(CultureInfo.InvariantCulture, $" | add unknown field {renamed}");
                return JsonFields.Add(json, renamed, "\"1h\"");
            case 6:
                var depth = Pick(random, [32, 63, 64, 65, 200, 5000]);
                recipe.Append(CultureInfo.InvariantCulture, $" | set {field} = nested arrays {depth} deep");
                return JsonFields.Set(json, field, new string('[', depth) + new string(']', depth));
            case 7:
                var length = Pick(random, [199, 200, 201, 4096, 65_537, 300_000]);
                var character = Pick(random, ["a", "1", "é", "\\u0000", "0 "]);
                recipe.Append(CultureInfo.InvariantCulture, $" | set {field} = \"{character}\" × {length}");
                return JsonFields.Set(json, field, "\"" + string.Concat(Enumerable.Repeat(character, length)) + "\"");
            default:
                var number = random.Next(4) switch { 0 => random.Next().ToString(CultureInfo.InvariantCulture), 1 => "-" + random.Next(), 2 => random.NextDouble().ToString("R", CultureInfo.InvariantCulture), _ => "1" + new string('0', random.Next(10, 400)) };
                recipe.Append(CultureInfo.InvariantCulture, $" | set {field} = {number}");
                return JsonFields.Set(json, field, number);
        }
    }

    /// <summary>One byte-level mutation of <paramref name="bytes"/>, described in <paramref name="recipe"/>.</summary>
    public static byte[] MutateBytes(byte[] bytes, Random random, StringBuilder recipe)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(recipe);
        var at = random.Next(bytes.Length + 1);
        switch (random.Next(7))
        {
            case 0 when bytes.Length > 0:
                var flip = Math.Min(at, bytes.Length - 1);
                var bit = 1 << random.Next(8);
                recipe.Append(CultureInfo.InvariantCulture, $" | flip bit {bit} of byte {flip}");
                var flipped = bytes.ToArray();
                flipped[flip] ^= (byte)bit;
                return flipped;
            case 1:
                recipe.Append(CultureInfo.InvariantCulture, $" | truncate to {at} bytes");
                return bytes[..at];
            case 2:
                var other = Encoding.UTF8.GetBytes(Pick(random, FuzzCorpus.Definitions));
                var from = random.Next(other.Length + 1);
                recipe.Append(CultureInfo.InvariantCulture, $" | splice at {at} with a corpus entry from byte {from}");
                return [.. bytes.AsSpan(0, at), .. other.AsSpan(from)];
            case 3:
                var invalid = Pick(random, InvalidUtf8);
                var inString = InsideString(bytes, random) ?? at;
                recipe.Append(CultureInfo.InvariantCulture, $" | insert invalid UTF-8 {Convert.ToHexString(invalid)} at {inString}");
                return JsonFields.Splice(bytes, inString, inString, invalid);
            case 4:
                var control = (byte)Pick(random, [0x00, 0x01, 0x07, 0x09, 0x0A, 0x0D, 0x1B, 0x1F, 0x7F]);
                var position = InsideString(bytes, random) ?? at;
                recipe.Append(CultureInfo.InvariantCulture, $" | insert raw byte {control:X2} at {position}");
                return JsonFields.Splice(bytes, position, position, [control]);
            case 5 when bytes.Length > 0:
                var start = Math.Min(at, bytes.Length - 1);
                var count = random.Next(1, Math.Min(16, bytes.Length - start) + 1);
                recipe.Append(CultureInfo.InvariantCulture, $" | repeat bytes {start}..{start + count} 2×");
                return JsonFields.Splice(bytes, start, start, bytes.AsSpan(start, count));
            default:
                var random8 = (byte)random.Next(256);
                recipe.Append(CultureInfo.InvariantCulture, $" | insert byte {random8:X2} at {at}");
                return JsonFields.Splice(bytes, at, at, [random8]);
        }
    }

    /// <summary>One of <paramref name="items"/>.</summary>
    public static T Pick<T>(Random random, IReadOnlyList<T> items)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(items);
        return items[random.Next(items.Count)];
    }

    // Just after a random quote that opens or closes a string: the bytes land inside a string value or name.
    private static int? InsideString(byte[] bytes, Random random)
    {
        var quotes = Enumerable.Range(0, bytes.Length).Where(i => bytes[i] == (byte)'"').ToList();
        return quotes.Count == 0 ? null : quotes[random.Next(quotes.Count)] + 1;
    }
}
