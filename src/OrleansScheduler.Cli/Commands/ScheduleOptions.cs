using System.CommandLine;
using OrleansScheduler.Json;

namespace OrleansScheduler.Cli.Commands;

/// <summary>The schedule options of <c>schedule</c> (all) and <c>next</c> (cron and every only), read into a <see cref="JobDefinition"/>.</summary>
internal sealed class ScheduleOptions
{
    /// <summary>Creates the options; <paramref name="withOnce"/> adds <c>--at</c> and <c>--in</c>.</summary>
    public ScheduleOptions(bool withOnce)
    {
        Cron = CommandOptions.Text("--cron", "A cron expression: 5 fields (minute hour day month weekday), or 6 with seconds first.", "expr");
        Tz = CommandOptions.Text("--tz", "The IANA time zone the cron expression is read in, e.g. Europe/Berlin. Default UTC.", "zone");
        Every = CommandOptions.Text("--every", "A fixed interval, e.g. 30s, 5m, 1h30m (at least 1s).", "duration");
        Start = CommandOptions.Text("--start", "The ISO 8601 instant an interval counts from, e.g. 2026-12-01T08:00:00Z.", "instant");
        if (withOnce)
        {
            At = CommandOptions.Text("--at", "Run once at an ISO 8601 instant with an offset, e.g. 2026-12-01T08:00:00+01:00.", "instant");
            In = CommandOptions.Text("--in", "Run once after a delay from now, e.g. 10m.", "duration");
        }
    }

    /// <summary><c>--cron</c>.</summary>
    public Option<string?> Cron { get; }

    /// <summary><c>--tz</c>.</summary>
    public Option<string?> Tz { get; }

    /// <summary><c>--every</c>.</summary>
    public Option<string?> Every { get; }

    /// <summary><c>--start</c>.</summary>
    public Option<string?> Start { get; }

    /// <summary><c>--at</c>, when enabled.</summary>
    public Option<string?>? At { get; }

    /// <summary><c>--in</c>, when enabled.</summary>
    public Option<string?>? In { get; }

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Cron);
        command.Options.Add(Tz);
        command.Options.Add(Every);
        command.Options.Add(Start);
        if (At is not null && In is not null)
        {
            command.Options.Add(At);
            command.Options.Add(In);
        }
    }

    /// <summary>A definition holding only the schedule fields given.</summary>
    public JobDefinition Read(ParseResult result) => new()
    {
        Cron = result.GetValue(Cron),
        Tz = result.GetValue(Tz),
        Every = result.GetValue(Every),
        Start = result.GetValue(Start),
        At = At is null ? null : result.GetValue(At),
        In = In is null ? null : result.GetValue(In),
    };
}
