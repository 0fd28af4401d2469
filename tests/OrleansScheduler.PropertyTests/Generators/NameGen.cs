using FsCheck;
using FsCheck.Fluent;
using OrleansScheduler.Validation;

namespace OrleansScheduler.PropertyTests.Generators;

/// <summary>
/// Job ids, queue and handler names: mostly from the allowed alphabet, with lengths around the limits
/// (0, 1, the limit, one over, up to 250), forbidden characters anywhere, a trailing newline, and null.
/// </summary>
public static class NameGen
{
    /// <summary>A job id (limit <see cref="JobIds.MaxLength"/>), about a third of them invalid.</summary>
    public static Gen<string?> JobId { get; } = Any(JobIds.MaxLength);

    /// <summary>A queue or handler name (limit <see cref="JobSpecValidator.MaxNameLength"/>).</summary>
    public static Gen<string?> Name { get; } = Any(JobSpecValidator.MaxNameLength);

    /// <summary>A valid name of 1 to <paramref name="maxLength"/> allowed characters, mostly short.</summary>
    public static Gen<string> Valid(int maxLength) =>
        from length in Gen.Frequency(
            (8, Gen.Choose(1, Math.Min(24, maxLength))),
            (1, Gen.Choose(1, maxLength)),
            (1, Gen.Constant(maxLength)))
        from chars in Gen.ArrayOf(TextGen.NameCharacter, length)
        select new string(chars);

    /// <summary>Any name against a limit of <paramref name="maxLength"/> characters.</summary>
    public static Gen<string?> Any(int maxLength) => Gen.Frequency(
        (12, Valid(maxLength).Select(n => (string?)n)),
        (2, TooLong(maxLength).Select(n => (string?)n)),
        (3, WithForbidden(maxLength).Select(n => (string?)n)),
        (1, Gen.Elements<string?>(null, "", " ", "   ", "\t", "\n")),
        (1, Valid(maxLength).Select(n => (string?)(n + "\n"))),
        (1, Valid(maxLength).SelectMany(n => TextGen.WithLoneSurrogate.Select(g => (string?)(n + g)))));

    private static Gen<string> TooLong(int maxLength) =>
        from length in Gen.Frequency((2, Gen.Constant(maxLength + 1)), (1, Gen.Choose(maxLength + 1, 250)))
        from chars in Gen.ArrayOf(TextGen.NameCharacter, length)
        select new string(chars);

    private static Gen<string> WithForbidden(int maxLength) =>
        from name in Valid(maxLength)
        from bad in Gen.Elements(TextGen.ForbiddenNameCharacters)
        from position in Gen.Choose(0, name.Length)
        select name.Insert(position, bad.ToString());
}
