namespace OrleansScheduler.PropertyTests.Support;

/// <summary>Reads the field name that starts a rejection message (<c>cron: …</c> names <c>cron</c>).</summary>
public static class Fields
{
    /// <summary>The text before the first <c>": "</c>, or the whole message when it has none.</summary>
    public static string Name(string error)
    {
        var colon = error.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? error : error[..colon];
    }

    /// <summary>The field names <paramref name="errors"/> start with.</summary>
    public static SortedSet<string> Of(IEnumerable<string> errors) => new(errors.Select(Name), StringComparer.Ordinal);
}
