using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OrleansScheduler.PropertyTests.Generators;
using OrleansScheduler.PropertyTests.Oracles;
using OrleansScheduler.PropertyTests.Support;
using OrleansScheduler.Validation;

namespace OrleansScheduler.PropertyTests;

/// <summary>
/// <see cref="JobSpecValidator"/> against random ids and specs, most fields valid, many not: it never throws, and it
/// rejects exactly the fields that <see cref="SpecOracle"/>'s independent rules reject, one message per field, each
/// message starting with that field's name.
/// </summary>
public sealed class JobSpecValidatorTests
{
    [Property(MaxTest = 1000)]
    public Property Validate_NeverThrows_ForAnyIdAndSpec() =>
        Prop.ForAll(SpecCase.Any.ToArbitrary(), c => JobSpecValidator.Validate(c.Id, c.Spec) is not null);

    [Property(MaxTest = 1000)]
    public Property Validate_RejectsExactlyTheFieldsThatBreakTheirRule_WithOneMessageEach() =>
        Prop.ForAll(SpecCase.Any.ToArbitrary(), c =>
        {
            var expected = SpecOracle.BrokenFields(c.Id, c.Spec);
            var errors = JobSpecValidator.Validate(c.Id, c.Spec);

            Assert.Equal(expected, Fields.Of(errors));
            Assert.Equal(expected.Count, errors.Count);
            return true.Classify(expected.Count == 0, "valid").Classify(expected.Count > 0, "invalid");
        });

    [Property(MaxTest = 1000)]
    public Property Validate_StartsEveryMessageWithTheNameOfAField() =>
        Prop.ForAll(SpecCase.Any.ToArbitrary(), c =>
        {
            foreach (var error in JobSpecValidator.Validate(c.Id, c.Spec))
            {
                Assert.Contains(Fields.Name(error), SpecOracle.FieldNames);
            }
        });

    [Fact]
    public void Validate_ReportsThePayload_WhenItHoldsALoneSurrogate()
    {
        var spec = new JobSpec { Schedule = JobSchedule.Every(TimeSpan.FromMinutes(1)), Handler = "log", Payload = "\"\uD800\"" };

        var error = Assert.Single(JobSpecValidator.Validate("job", spec));

        Assert.StartsWith("payload: ", error, StringComparison.Ordinal);
    }
}
