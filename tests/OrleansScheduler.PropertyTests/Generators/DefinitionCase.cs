using FsCheck;
using FsCheck.Fluent;
using OrleansScheduler.Json;
using OrleansScheduler.PropertyTests.Support;

namespace OrleansScheduler.PropertyTests.Generators;

/// <summary>A definition to convert at <paramref name="Now"/> into an error list that already holds <paramref name="EarlierErrors"/> messages.</summary>
public sealed record DefinitionCase(JobDefinition Definition, DateTimeOffset Now, int EarlierErrors)
{
    /// <summary>Any definition, at a moderate instant, after zero to two earlier errors.</summary>
    public static Gen<DefinitionCase> Any { get; } =
        from definition in JobDefinitionGen.Any
        from now in InstantGen.Moderate
        from earlier in Gen.Choose(0, 2)
        select new DefinitionCase(definition, now, earlier);

    /// <summary>A definition of <see cref="JobDefinitionGen.MostlyValid"/>, otherwise as <see cref="Any"/>.</summary>
    public static Gen<DefinitionCase> MostlyValid { get; } =
        from definition in JobDefinitionGen.MostlyValid
        from now in InstantGen.Moderate
        from earlier in Gen.Choose(0, 2)
        select new DefinitionCase(definition, now, earlier);

    /// <inheritdoc/>
    public override string ToString()
    {
        var d = Definition;
        return $"{{Id={Show.Text(d.Id)}, Cron={Show.Text(d.Cron)}, Every={Show.Text(d.Every)}, At={Show.Text(d.At)}, In={Show.Text(d.In)}, " +
            $"Tz={Show.Text(d.Tz)}, Start={Show.Text(d.Start)}, Handler={Show.Text(d.Handler)}, Payload={Show.Text(d.Payload?.GetRawText())}, " +
            $"Queue={Show.Text(d.Queue)}, MaxAttempts={d.MaxAttempts?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}, " +
            $"Misfire={Show.Text(d.Misfire)}, Overlap={Show.Text(d.Overlap)}, Timeout={Show.Text(d.Timeout)}}} at {Show.Instant(Now)} after {EarlierErrors} earlier errors";
    }
}
