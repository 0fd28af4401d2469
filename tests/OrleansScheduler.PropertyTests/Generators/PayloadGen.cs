using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace OrleansScheduler.PropertyTests.Generators;

/// <summary>
/// Job payloads: absent, valid JSON of random shape, valid JSON of a UTF-8 size right around the 64 KiB limit
/// (with multi-byte characters, so characters and bytes differ), nesting around the depth limit, and invalid JSON.
/// </summary>
public static class PayloadGen
{
    /// <summary>A valid JSON payload of random shape, or one near the size limit.</summary>
    public static Gen<string> Valid { get; } = Gen.Frequency((8, JsonGen.Value), (1, NearLimit(JobSpec.MaxPayloadBytes - 64, JobSpec.MaxPayloadBytes)));

    /// <summary>Any payload: null, valid, near the limit on either side, deeply nested, or invalid.</summary>
    public static Gen<string?> Any { get; } = Gen.Frequency(
        (2, Gen.Constant<string?>(null)),
        (6, JsonGen.Value.Select(p => (string?)p)),
        (2, NearLimit(JobSpec.MaxPayloadBytes - 8, JobSpec.MaxPayloadBytes + 8).Select(p => (string?)p)),
        (1, JsonGen.Deep.Select(p => (string?)p)),
        (4, Invalid().Select(p => (string?)p)));

    /// <summary>
    /// Valid JSON whose UTF-8 length is exactly a random value in [<paramref name="minBytes"/>, <paramref name="maxBytes"/>]:
    /// a random small document plus a string padded with a random mix of 1- to 4-byte characters.
    /// </summary>
    public static Gen<string> NearLimit(int minBytes, int maxBytes) =>
        from target in Gen.Choose(minBytes, maxBytes)
        from head in JsonGen.Value
        from unitLength in Gen.Choose(1, 6)
        from unit in Gen.ArrayOf(Gen.Elements("a", "é", "€", "😀"), unitLength)
        select Pad(head, string.Concat(unit), target);

    private static Gen<string> Invalid() =>
        from valid in JsonGen.Value
        from cut in Gen.Choose(0, Math.Max(0, valid.Length - 1))
        from garbage in TextGen.Garbage
        from broken in Gen.Elements(
            valid[..cut],
            valid + garbage,
            valid + " " + valid,
            "[" + valid + ",]",
            "{\"a\":" + valid + ",}",
            "/* comment */ " + valid,
            "\uFEFF" + valid,
            "{'a': 1}",
            "{a: 1}",
            "NaN",
            "undefined",
            "",
            "   ",
            "\"tab\there\"",
            "\"\\x41\"",
            "01",
            "print('hello')",
            garbage)
        from oversized in Gen.Frequency((12, Gen.Constant(false)), (1, Gen.Constant(true)))
        select oversized ? broken + new string(' ', JobSpec.MaxPayloadBytes) : broken;

    private static string Pad(string head, string unit, int targetBytes)
    {
        var prefix = "{\"head\":" + head + ",\"pad\":\"";
        const string Suffix = "\"}";
        var remaining = targetBytes - Encoding.UTF8.GetByteCount(prefix) - Suffix.Length;
        if (remaining < 0)
        {
            return "\"\"";
        }

        var unitBytes = Encoding.UTF8.GetByteCount(unit);
        var builder = new StringBuilder(prefix, targetBytes);
        builder.Insert(builder.Length, unit, remaining / unitBytes);
        builder.Append('a', remaining % unitBytes);
        return builder.Append(Suffix).ToString();
    }
}
