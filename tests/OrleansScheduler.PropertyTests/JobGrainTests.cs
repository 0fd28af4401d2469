using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OrleansScheduler.PropertyTests.Generators;
using OrleansScheduler.PropertyTests.Oracles;
using OrleansScheduler.PropertyTests.Support;
using OrleansScheduler.Validation;

namespace OrleansScheduler.PropertyTests;

/// <summary>
/// <see cref="IJobGrain.Schedule"/> on a real two-silo cluster with real Redis, fed random ids and specs (README
/// guarantee 7, "Bad input changes nothing"): an invalid one is rejected with <see cref="JobValidationException"/>
/// naming exactly the broken fields and Redis is left byte for byte as it was; a valid one is stored as given;
/// nothing else is ever thrown.
/// </summary>
public sealed class JobGrainTests(SchedulerCluster fixture) : IClassFixture<SchedulerCluster>
{
    [Property(MaxTest = 100)]
    public Property Schedule_RejectsInvalidSpecsWithNothingStored_AndStoresValidOnes_NeverThrowingAnythingElse() =>
        Prop.ForAll(GrainCase.Any(DateTimeOffset.UtcNow).ToArbitrary(), async c =>
        {
            if (string.IsNullOrWhiteSpace(c.Id))
            {
                // The Orleans client refuses such a key before any grain sees it; the rules must refuse it too.
                Assert.Contains("id", Fields.Of(JobSpecValidator.Validate(c.Id, c.Spec)));
                return true.Classify(true, "blank id (client-side)");
            }

            // The silo checks what needs the cluster or the time (the schedule fires, the handler is registered, the
            // queue is served) once the rules pass.
            var expected = SpecOracle.BrokenFields(c.Id, c.Spec);
            if (expected.Count == 0)
            {
                if (SpecOracle.NeverFires(c.Spec!.Schedule, DateTimeOffset.UtcNow) is { } never)
                {
                    expected.Add(never);
                }

                if (!GrainCase.RegisteredHandlers.Contains(c.Spec!.Handler))
                {
                    expected.Add("handler");
                }

                if (!GrainCase.ServedQueues.Contains(c.Spec.Queue))
                {
                    expected.Add("queue");
                }
            }

            var grain = fixture.Job(c.Id);
            if (expected.Count > 0)
            {
                var before = await fixture.SnapshotAsync();

                var error = await Assert.ThrowsAsync<JobValidationException>(() => grain.Schedule(c.Spec!));

                Assert.Equal(expected, Fields.Of(error.Errors));
                Assert.Equal(before, await fixture.SnapshotAsync());
                return true.Classify(true, "rejected");
            }

            var info = await grain.Schedule(c.Spec!);

            Assert.Equal(c.Id, info.Id);
            Assert.Equal(c.Spec!.Handler, info.Spec.Handler);
            // Stored as given, but for the interval's anchor (resolved) and instants (cut to milliseconds).
            Assert.Equal(c.Spec with { Schedule = info.Spec.Schedule }, info.Spec);
            Assert.Equal(c.Spec.Schedule with { Anchor = null, At = null }, info.Spec.Schedule with { Anchor = null, At = null });
            Assert.True(info.NextDue is null || info.NextDue > DateTimeOffset.UtcNow.AddHours(1), $"next due {info.NextDue:O}: the case was meant not to fire");
            Assert.Equal(info, await grain.Get());
            Assert.True(await grain.Delete());
            Assert.Null(await grain.Get());
            return true.Classify(true, "stored and deleted");
        });

    [Fact]
    public async Task Schedule_RejectsANullSpec_WithJobValidationException()
    {
        var error = await Assert.ThrowsAsync<JobValidationException>(() => fixture.Job("null-spec").Schedule(null!));

        Assert.Contains("spec", Fields.Of(error.Errors));
    }

    [Fact]
    public async Task Schedule_RejectsAOneShotBeforeTheUnixEpoch_AndStoresNothing()
    {
        // Occurrences are kept as Unix milliseconds: an instant before 1970 (here the first of the calendar) has none.
        var grain = fixture.Job("once-at-the-start-of-time");
        var before = await fixture.SnapshotAsync();

        var error = await Assert.ThrowsAsync<JobValidationException>(() =>
            grain.Schedule(new JobSpec { Schedule = JobSchedule.Once(DateTimeOffset.MinValue), Handler = AcceptAnyPayloadHandler.Name }));

        Assert.Equal("at", Assert.Single(Fields.Of(error.Errors)));
        Assert.Contains("before 1970-01-01T00:00:00Z", error.Errors[0], StringComparison.Ordinal);
        Assert.Equal(before, await fixture.SnapshotAsync());
    }

    [Fact]
    public async Task D2_Schedule_RejectsAnIntervalLongerThanTheCalendar_AndStoresNothing()
    {
        // On 09fee01 it was stored, listed as active, with no next due time: it could never run.
        var grain = fixture.Job("longer-than-the-calendar");
        var before = await fixture.SnapshotAsync();

        var error = await Assert.ThrowsAsync<JobValidationException>(() =>
            grain.Schedule(new JobSpec { Schedule = JobSchedule.Every(TimeSpan.FromDays(2_928_000)), Handler = AcceptAnyPayloadHandler.Name }));

        Assert.Equal("every", Assert.Single(Fields.Of(error.Errors)));
        Assert.Contains("reaches past the end of the calendar", error.Errors[0], StringComparison.Ordinal);
        Assert.Equal(before, await fixture.SnapshotAsync());
        Assert.Null(await grain.Get());
    }
}
