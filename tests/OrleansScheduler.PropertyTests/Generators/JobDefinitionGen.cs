using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using OrleansScheduler.Json;

namespace OrleansScheduler.PropertyTests.Generators;

/// <summary>
/// Job definitions as an apply file holds them: usually exactly one of cron, every, at or in, sometimes none or
/// several, with <c>tz</c> and <c>start</c> mostly where they belong, and every other field valid or not.
/// </summary>
public static class JobDefinitionGen
{
    /// <summary>Any definition.</summary>
    public static Gen<JobDefinition> Any { get; } = Build(valid: false);

    /// <summary>
    /// Definitions whose every field is drawn from well-formed values only (exactly one schedule, known zones,
    /// defined policies, durations of whole units): most of them are accepted, the rest break a rule by their value
    /// (a cron Cronos refuses, an interval under a second, a timeout over a day…).
    /// </summary>
    public static Gen<JobDefinition> MostlyValid { get; } = Build(valid: true);

    private static Gen<JobDefinition> Build(bool valid) =>
        from id in valid ? NameGen.Valid(200).Select(i => (string?)i) : NameGen.JobId
        from scheduleFields in valid ? WellFormedScheduleFields() : ScheduleFields()
        from handler in valid ? NameGen.Valid(100).Select(h => (string?)h) : NameGen.Name
        from payload in Payload()
        from queue in Gen.Frequency((1, Gen.Constant<string?>(null)), (2, valid ? NameGen.Valid(100).Select(q => (string?)q) : NameGen.Name))
        from attempts in Gen.Frequency((1, Gen.Constant<int?>(null)), (2, (valid ? Gen.Choose(1, 100) : JobSpecGen.MaxAttempts).Select(a => (int?)a)))
        from misfire in valid ? ValidPolicyText(Enum.GetNames<MisfirePolicy>()) : PolicyText(Enum.GetNames<MisfirePolicy>())
        from overlap in valid ? ValidPolicyText(Enum.GetNames<OverlapPolicy>()) : PolicyText(Enum.GetNames<OverlapPolicy>())
        from timeout in Gen.Frequency((2, Gen.Constant<string?>(null)), (1, (valid ? DurationTextGen.WellFormed : DurationTextGen.Any).Select(t => (string?)t)))
        select scheduleFields with
        {
            Id = id,
            Handler = handler,
            Payload = payload,
            Queue = queue,
            MaxAttempts = attempts,
            Misfire = misfire,
            Overlap = overlap,
            Timeout = timeout,
        };

    /// <summary>Cron, every, at, in, tz and start, each present or not.</summary>
    private static Gen<JobDefinition> ScheduleFields() =>
        from kinds in Gen.Frequency(
            (10, Gen.Elements("cron", "every", "at", "in").Select(k => new[] { k })),
            (1, Gen.Constant(Array.Empty<string>())),
            (1, Gen.SubListOf("cron", "every", "at", "in").Select(l => l.ToArray())))
        from cron in CronGen.Any
        from every in DurationTextGen.Any
        from at in InstantTextGen.Any
        from delay in DurationTextGen.Any
        from zone in TimeZoneGen.Any
        from start in InstantTextGen.Any
        from stray in Gen.Frequency((6, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new JobDefinition
        {
            Cron = kinds.Contains("cron") ? cron ?? "" : null,
            Every = kinds.Contains("every") ? every : null,
            At = kinds.Contains("at") ? at : null,
            In = kinds.Contains("in") ? delay : null,
            Tz = kinds.Contains("cron") || stray ? zone : null,
            Start = kinds.Contains("every") || stray ? start : null,
        };

    /// <summary>Exactly one of cron (with a known zone or none), every (with a start or none), at or in, each well formed.</summary>
    private static Gen<JobDefinition> WellFormedScheduleFields() => Gen.OneOf(
        from cron in CronGen.WellFormed
        from zone in Gen.Frequency((1, Gen.Constant<string?>(null)), (3, TimeZoneGen.Known.Select(z => (string?)z)))
        select new JobDefinition { Cron = cron, Tz = zone },
        from every in DurationTextGen.WellFormed
        from start in Gen.Frequency((1, Gen.Constant<string?>(null)), (2, InstantTextGen.WellFormed.Select(s => (string?)s)))
        select new JobDefinition { Every = every, Start = start },
        from at in InstantTextGen.WellFormed
        select new JobDefinition { At = at },
        from delay in DurationTextGen.WellFormed
        select new JobDefinition { In = delay });

    /// <summary>A policy name that reads: absent, exact or in another case.</summary>
    private static Gen<string?> ValidPolicyText(string[] names) => Gen.Frequency(
        (1, Gen.Constant<string?>(null)),
        (3, Gen.Elements(names).Select(n => (string?)n)),
        (1, Gen.Elements(names).Select(n => (string?)n.ToUpperInvariant())));

    /// <summary>A payload as a JSON element (invalid JSON cannot be one), the undefined element, or absent.</summary>
    private static Gen<JsonElement?> Payload() => Gen.Frequency(
        (2, Gen.Constant<JsonElement?>(null)),
        (1, Gen.Constant<JsonElement?>(default(JsonElement))),
        (6, PayloadGen.Valid.Select(p => (JsonElement?)JsonDocument.Parse(p).RootElement.Clone())),
        (1, PayloadGen.NearLimit(64 * 1024 - 8, 64 * 1024 + 8).Select(p => (JsonElement?)JsonDocument.Parse(p).RootElement.Clone())));

    /// <summary>A policy name as written by people: absent, exact, other case, a number, a combination, or garbage.</summary>
    private static Gen<string?> PolicyText(string[] names) => Gen.Frequency(
        (4, Gen.Constant<string?>(null)),
        (4, Gen.Elements(names).Select(n => (string?)n)),
        (1, Gen.Elements(names).Select(n => (string?)n.ToLowerInvariant())),
        (1, Gen.Elements<string?>("0", "1", "2", " 1", "+1", "-1", "99", "", " ", $"{names[0]}, {names[1]}", $" {names[0]}", "FireEverything")),
        (1, TextGen.Garbage.Select(s => (string?)s)));
}
