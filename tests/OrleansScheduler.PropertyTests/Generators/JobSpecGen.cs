using FsCheck;
using FsCheck.Fluent;

namespace OrleansScheduler.PropertyTests.Generators;

/// <summary>Job specs with every field drawn from its own generator (valid or not), and valid far-future ones.</summary>
public static class JobSpecGen
{
    /// <summary>A run timeout: absent, valid (1 ms to 1 day, sub-millisecond ticks included), or just outside or far outside the range.</summary>
    public static Gen<TimeSpan?> Timeout { get; } = Gen.Frequency(
        (3, Gen.Constant<TimeSpan?>(null)),
        (4, Gen.Choose(1, 86_400_000).Select(ms => (TimeSpan?)TimeSpan.FromMilliseconds(ms))),
        (1, Gen.Elements<TimeSpan?>(
            TimeSpan.Zero, TimeSpan.FromTicks(1), TimeSpan.FromMilliseconds(1) - TimeSpan.FromTicks(1), TimeSpan.FromMilliseconds(1),
            TimeSpan.FromMilliseconds(1) + TimeSpan.FromTicks(1), TimeSpan.FromDays(1), TimeSpan.FromDays(1) + TimeSpan.FromTicks(1),
            TimeSpan.FromSeconds(-5), TimeSpan.MinValue, TimeSpan.MaxValue)));

    /// <summary>Attempts per run: mostly 1–100, sometimes just outside or at the ends of <see cref="int"/>.</summary>
    public static Gen<int> MaxAttempts { get; } = Gen.Frequency(
        (6, Gen.Choose(1, 100)),
        (1, Gen.Elements(0, 1, 100, 101, -1, int.MinValue, int.MaxValue)));

    /// <summary>A misfire policy: mostly defined, sometimes a number no member has.</summary>
    public static Gen<MisfirePolicy> Misfire { get; } = Gen.Frequency((6, Gen.Choose(0, 2)), (1, Gen.Elements(-1, 3, 99))).Select(v => (MisfirePolicy)v);

    /// <summary>An overlap policy: mostly defined, sometimes a number no member has.</summary>
    public static Gen<OverlapPolicy> Overlap { get; } = Gen.Frequency((6, Gen.Choose(0, 1)), (1, Gen.Elements(-1, 2, 99))).Select(v => (OverlapPolicy)v);

    /// <summary>Any spec, null included, with the handler drawn from <paramref name="handler"/>.</summary>
    public static Gen<JobSpec?> Any(Gen<string?> handler) => Gen.Frequency(
        (1, Gen.Constant<JobSpec?>(null)),
        (30, from schedule in JobScheduleGen.Any
             from name in handler
             from payload in PayloadGen.Any
             from queue in NameGen.Name
             from attempts in MaxAttempts
             from misfire in Misfire
             from overlap in Overlap
             from timeout in Timeout
             select (JobSpec?)new JobSpec
             {
                 Schedule = schedule!,
                 Handler = name!,
                 Payload = payload,
                 Queue = queue!,
                 MaxAttempts = attempts,
                 Misfire = misfire,
                 Overlap = overlap,
                 Timeout = timeout,
             }));

    /// <summary>Any spec, null included, with any handler name.</summary>
    public static Gen<JobSpec?> AnySpec { get; } = Any(NameGen.Name);

    /// <summary>
    /// A spec whose every field is drawn from values its rule accepts (a cron expression made of in-range parts may
    /// still be one Cronos refuses, which the oracle decides).
    /// </summary>
    public static Gen<JobSpec> Valid { get; } =
        from schedule in JobScheduleGen.Valid
        from handler in NameGen.Valid(Validation.JobSpecValidator.MaxNameLength)
        from payload in Gen.Frequency((1, Gen.Constant<string?>(null)), (4, PayloadGen.Valid.Select(p => (string?)p)))
        from queue in NameGen.Valid(Validation.JobSpecValidator.MaxNameLength)
        from attempts in Gen.Choose(1, 100)
        from misfire in Gen.Choose(0, 2)
        from overlap in Gen.Choose(0, 1)
        from timeout in Gen.Frequency((1, Gen.Constant<TimeSpan?>(null)), (1, Gen.Choose(1, 86_400_000).Select(ms => (TimeSpan?)TimeSpan.FromMilliseconds(ms))))
        select new JobSpec
        {
            Schedule = schedule,
            Handler = handler,
            Payload = payload,
            Queue = queue,
            MaxAttempts = attempts,
            Misfire = (MisfirePolicy)misfire,
            Overlap = (OverlapPolicy)overlap,
            Timeout = timeout,
        };

    /// <summary>A <see cref="Valid"/> spec with one field replaced by any value of that field: each rule alone.</summary>
    public static Gen<JobSpec> OneFieldAnyValue { get; } =
        from spec in Valid
        from field in Gen.Choose(0, 7)
        from changed in field switch
        {
            0 => JobScheduleGen.Any.Select(v => spec with { Schedule = v! }),
            1 => NameGen.Name.Select(v => spec with { Handler = v! }),
            2 => PayloadGen.Any.Select(v => spec with { Payload = v }),
            3 => NameGen.Name.Select(v => spec with { Queue = v! }),
            4 => MaxAttempts.Select(v => spec with { MaxAttempts = v }),
            5 => Misfire.Select(v => spec with { Misfire = v }),
            6 => Overlap.Select(v => spec with { Overlap = v }),
            _ => Timeout.Select(v => spec with { Timeout = v }),
        }
        select changed;

    /// <summary>A valid spec for <paramref name="handler"/> whose schedule cannot fire within a day of <paramref name="now"/>.</summary>
    public static Gen<JobSpec> FarFuture(DateTimeOffset now, string handler) =>
        from spec in Valid
        from schedule in JobScheduleGen.FarFuture(now)
        select spec with { Schedule = schedule, Handler = handler, Queue = JobSpec.DefaultQueue };
}
