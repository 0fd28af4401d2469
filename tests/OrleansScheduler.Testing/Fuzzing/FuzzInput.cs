using System.Text;

namespace OrleansScheduler.Testing.Fuzzing;

/// <summary>One generated document: its bytes and how it was made (the corpus entry and the mutations applied).</summary>
/// <param name="Bytes">The document as sent.</param>
/// <param name="Recipe">The corpus entry and mutations, e.g. <c>seed 3 | set every = 1h1h | flip byte 12</c>.</param>
public sealed record FuzzInput(byte[] Bytes, string Recipe)
{
    /// <summary>How many bytes <see cref="Show()"/> prints in hex before it cuts the rest.</summary>
    public const int MaxShownBytes = 4096;

    /// <summary>The bytes in hex (what replays it exactly) and as text where that is readable, for a failure message.</summary>
    public string Show() => Show(Bytes);

    /// <summary>Prints <paramref name="bytes"/> in hex and, when valid UTF-8, as text (both cut after <see cref="MaxShownBytes"/>).</summary>
    public static string Show(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var shown = bytes.AsSpan(0, Math.Min(bytes.Length, MaxShownBytes));
        var cut = bytes.Length > MaxShownBytes ? $" … ({bytes.Length} bytes in all)" : "";
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(shown);
        }
        catch (DecoderFallbackException)
        {
            text = "(not valid UTF-8)";
        }

        return $"hex {Convert.ToHexString(shown)}{cut}{Environment.NewLine}text {text}{cut}";
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Recipe}{Environment.NewLine}{Show()}";
}
