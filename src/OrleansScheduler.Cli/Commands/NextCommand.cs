using System.CommandLine;
using OrleansScheduler.Cli.Output;
using OrleansScheduler.Json;
using OrleansScheduler.Scheduling;

namespace OrleansScheduler.Cli.Commands;

/// <summary>
/// <c>osched next (--cron EXPR [--tz ZONE] | --every D [--start I]) [--count N] [--after I] [--json]</c>: prints the
/// next occurrences of a schedule, worked out offline with the scheduler's own rules (no cluster).
/// </summary>
internal static class NextCommand
{
    /// <summary>The default of <c>--count</c>.</summary>
    public const int DefaultCount = 5;

    /// <summary>The largest <c>--count</c>.</summary>
    public const int MaxCount = 1000;

    // The schedule rules live in JobDefinition; these stand in for the fields a schedule alone does not have.
    private const string PlaceholderId = "next";
    private const string PlaceholderHandler = "next";

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var schedule = new ScheduleOptions(withOnce: false);
        var count = CommandOptions.Int("--count", "How many occurrences", 1, MaxCount, DefaultCount);
        var after = CommandOptions.Text("--after", "List occurrences after this ISO 8601 instant. Default: now.", "instant");
        var json = CommandOptions.Json();
        var command = new Command("next", "Print the next occurrences of a cron or interval schedule, in UTC and in its time zone. Needs no cluster.");
        schedule.AddTo(command);
        command.Options.Add(count);
        command.Options.Add(after);
        command.Options.Add(json);
        CommandRunner.SetAction(command, context, (result, _) =>
        {
            var errors = new List<string>();
            var definition = schedule.Read(result);
            JobSpec? spec = null;
            if ((definition.Cron is null) == (definition.Every is null))
            {
                errors.Add(definition.Cron is null
                    ? "schedule: none given; give --cron or --every"
                    : "schedule: --cron and --every conflict; give exactly one of them");
            }
            else
            {
                spec = (definition with { Id = PlaceholderId, Handler = PlaceholderHandler }).ToSpec(context.Time.GetUtcNow(), errors);
            }

            var from = context.Time.GetUtcNow();
            if (result.GetValue(after) is { } afterText && !InstantFormat.TryParse(afterText, out from))
            {
                errors.Add($"after: \"{afterText}\" is not an ISO 8601 instant with an offset (e.g. 2026-12-01T08:00:00Z)");
            }

            if (spec is null || errors.Count > 0)
            {
                throw CliException.InvalidInput(errors);
            }

            Write(context, spec.Schedule, from, result.GetValue(count), result.GetValue(json));
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    private static void Write(CliContext context, JobSchedule schedule, DateTimeOffset after, int count, bool json)
    {
        var zone = schedule.Kind == ScheduleKind.Cron ? TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone) : TimeZoneInfo.Utc;
        var occurrences = CompiledSchedule.Compile(schedule).GetNextOccurrences(after, count);
        if (json)
        {
            JsonOutput.Write(context.Out, occurrences.Select(o => OccurrenceView.From(o, zone)).ToList());
            return;
        }

        foreach (var occurrence in occurrences)
        {
            context.Out.WriteLine(Instants.UtcAndLocal(occurrence, zone));
        }

        if (occurrences.Count == 0)
        {
            context.WriteError($"{schedule} has no occurrence after {Instants.Utc(after)}");
        }
    }
}
