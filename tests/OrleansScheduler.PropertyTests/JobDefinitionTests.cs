using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OrleansScheduler.Json;
using OrleansScheduler.PropertyTests.Generators;
using OrleansScheduler.PropertyTests.Oracles;
using OrleansScheduler.PropertyTests.Support;

namespace OrleansScheduler.PropertyTests;

/// <summary>
/// <see cref="JobDefinition.ToSpec"/> against random apply-file entries: it never throws, it returns a spec exactly
/// when it reported nothing, what it accepts the rules accept too, and what it accepts survives
/// <see cref="JobDefinition.FromSpec"/> and back.
/// </summary>
public sealed class JobDefinitionTests
{
    /// <summary>The fields a definition's messages may name besides the spec's own.</summary>
    private static readonly HashSet<string> DefinitionFields = [.. SpecOracle.FieldNames, "in", "start"];

    [Property(MaxTest = 1000)]
    public Property ToSpec_NeverThrows_AndReturnsASpecIffItAddedNoError() =>
        Prop.ForAll(Gen.OneOf(DefinitionCase.Any, DefinitionCase.MostlyValid).ToArbitrary(), c =>
        {
            var errors = Enumerable.Repeat("earlier: an error of another entry", c.EarlierErrors).ToList();

            var spec = c.Definition.ToSpec(c.Now, errors);

            var added = errors.Skip(c.EarlierErrors).ToList();
            Assert.Equal(spec is null, added.Count > 0);
            Assert.All(added, e => Assert.Contains(Fields.Name(e), DefinitionFields));
            if (spec is not null)
            {
                Assert.Empty(SpecOracle.BrokenFields(c.Definition.Id, spec));
            }

            return true.Classify(spec is not null, "accepted").Classify(spec is null, "rejected");
        });

    // About half of MostlyValid is rejected by a rule and discarded here: FsCheck's default of 1000 discards left the
    // property giving up ("arguments exhausted") in about one run in six.
    [Property(MaxTest = 1000, MaxRejected = 5000)]
    public Property AcceptedDefinition_RoundTripsThroughFromSpec_ToAnEqualSpec() =>
        Prop.ForAll(DefinitionCase.MostlyValid.ToArbitrary(), c =>
        {
            var spec = c.Definition.ToSpec(c.Now, new List<string>());
            return Prop.When(spec is not null, () =>
            {
                var errors = new List<string>();

                var again = JobDefinition.FromSpec(c.Definition.Id!, spec!).ToSpec(c.Now.AddDays(1), errors);

                Assert.Empty(errors);
                Assert.NotNull(again);
                // Instants are written with milliseconds (the JSON contract; the job grain stores no finer), so they
                // are compared to the millisecond; the payload is compared as JSON.
                Assert.Equal(ToMilliseconds(spec!) with { Payload = null }, ToMilliseconds(again) with { Payload = null });
                Assert.Equal(spec!.Payload is null, again.Payload is null);
                if (spec.Payload is not null)
                {
                    using var expected = JsonDocument.Parse(spec.Payload);
                    using var actual = JsonDocument.Parse(again.Payload!);
                    Assert.True(JsonElement.DeepEquals(expected.RootElement, actual.RootElement), "the payload changed");
                }
            });
        });

    [Fact]
    public void ToSpec_ReportsIn_WhenTheDelayEndsPastTheCalendar()
    {
        var errors = new List<string>();

        var spec = new JobDefinition { Id = "job", In = "3000000d", Handler = "log" }.ToSpec(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), errors);

        Assert.Null(spec);
        Assert.StartsWith("in: ", Assert.Single(errors), StringComparison.Ordinal);
    }

    private static JobSpec ToMilliseconds(JobSpec spec) => spec with
    {
        Schedule = spec.Schedule with { Anchor = Truncate(spec.Schedule.Anchor), At = Truncate(spec.Schedule.At) },
    };

    private static DateTimeOffset? Truncate(DateTimeOffset? instant) =>
        instant is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds()) : null;
}
