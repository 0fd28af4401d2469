using FsCheck;
using FsCheck.Fluent;

namespace OrleansScheduler.PropertyTests.Generators;

/// <summary>Characters and strings that commonly break parsers: whitespace, controls, non-ASCII, surrogate pairs.</summary>
public static class TextGen
{
    /// <summary>The characters a name (job id, queue, handler) may contain: <c>[A-Za-z0-9._:-]</c>.</summary>
    public const string NameAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-";

    /// <summary>
    /// Characters outside <see cref="NameAlphabet"/>: separators and punctuation, controls, lookalikes (fullwidth and
    /// Cyrillic letters, Arabic-Indic digits, the Kelvin sign that lower-cases to ASCII k), a BOM and U+FFFD.
    /// </summary>
    public static readonly char[] ForbiddenNameCharacters =
        [' ', '\t', '\n', '\r', '\0', '/', '\\', '@', '#', '*', '?', '"', '\'', '{', '}', '[', ']', ',', ';', '=', '+', '%', '~', '|', '<', '>',
         '\u00A0', '\u200B', '\uFEFF', '\uFFFD', 'é', 'ß', 'Ａ', 'а', '٣', '\u212A', '\u0130', '\u2028', '\u007F'];

    /// <summary>One character from <see cref="NameAlphabet"/>.</summary>
    public static Gen<char> NameCharacter { get; } = Gen.Elements(NameAlphabet.ToCharArray());

    /// <summary>Short strings of anything: ASCII, forbidden characters, multi-byte characters and emoji (as valid surrogate pairs).</summary>
    public static Gen<string> Garbage { get; } =
        from parts in Gen.ListOf(Gen.Frequency(
            (6, Gen.Choose(32, 126).Select(c => ((char)c).ToString())),
            (2, Gen.Elements(ForbiddenNameCharacters).Select(c => c.ToString())),
            (1, Gen.Elements("€", "😀", "𝔸", "中文", "\u0301"))))
        select string.Concat(parts);

    /// <summary><see cref="Garbage"/> with a lone (unpaired) surrogate inserted: not valid UTF-16.</summary>
    public static Gen<string> WithLoneSurrogate { get; } =
        from text in Garbage
        from surrogate in Gen.Elements('\uD800', '\uDBFF', '\uDC00', '\uDFFF')
        from position in Gen.Choose(0, text.Length)
        select text.Insert(position, surrogate.ToString());
}
