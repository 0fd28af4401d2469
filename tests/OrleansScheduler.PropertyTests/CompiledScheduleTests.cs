using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OrleansScheduler.PropertyTests.Generators;
using OrleansScheduler.PropertyTests.Oracles;
using OrleansScheduler.PropertyTests.Support;
using OrleansScheduler.Scheduling;

namespace OrleansScheduler.PropertyTests;

/// <summary>
/// <see cref="CompiledSchedule"/> against random schedules. This file: compiling. The occurrence maths of cron,
/// interval and one-shot schedules are in the sibling partial files.
/// </summary>
public sealed partial class CompiledScheduleTests
{
    [Property(MaxTest = 1000)]
    public Property TryCompile_NeverThrows_AndCompilesExactlyTheSchedulesWhoseFieldsAreValid() =>
        Prop.ForAll(ScheduleCase.Any.ToArbitrary(), c =>
        {
            var errors = Enumerable.Repeat("earlier: an error of another field", c.EarlierErrors).ToList();
            var expected = SpecOracle.ScheduleFields(c.Schedule);

            var compiled = CompiledSchedule.TryCompile(c.Schedule, errors);

            var added = errors.Skip(c.EarlierErrors).ToList();
            Assert.Equal(expected, Fields.Of(added));
            Assert.Equal(expected.Count, added.Count);
            Assert.Equal(expected.Count == 0, compiled is not null);
            Assert.Same(c.Schedule, compiled?.Schedule ?? c.Schedule);
            return true.Classify(compiled is not null, "compiled").Classify(compiled is null, "rejected");
        });
}
