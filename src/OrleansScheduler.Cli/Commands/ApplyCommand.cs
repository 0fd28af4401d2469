using System.CommandLine;
using OrleansScheduler.Cli.Apply;

namespace OrleansScheduler.Cli.Commands;

/// <summary>
/// <c>osched apply &lt;file.json&gt; [--concurrency N]</c>: validates a whole file of job definitions, then schedules
/// every job concurrently. An invalid file changes nothing.
/// </summary>
internal static class ApplyCommand
{
    /// <summary>The default of <c>--concurrency</c>.</summary>
    public const int DefaultConcurrency = 256;

    /// <summary>The largest <c>--concurrency</c>.</summary>
    public const int MaxConcurrency = 10_000;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context, GlobalOptions global)
    {
        var file = new Argument<string>("file")
        {
            Description = "A JSON array of job definitions (the fields of 'osched schedule', camelCase; unknown fields are errors).",
        };
        var concurrency = CommandOptions.Int("--concurrency", "How many Schedule calls are in flight at once", 1, MaxConcurrency, DefaultConcurrency);
        var command = new Command("apply", "Create or update every job in a JSON file. The whole file is validated first; if any entry is invalid, nothing changes.")
        {
            file, concurrency,
        };
        CommandRunner.SetAction(command, context, async (result, cancellationToken) =>
        {
            var entries = await ApplyFile.ReadAsync(result.GetValue(file)!, context.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            await using var session = await context.Connector.ConnectAsync(global.Read(result), cancellationToken).ConfigureAwait(false);
            var report = await ApplyRunner.RunAsync(session, entries, result.GetValue(concurrency), context.Time, cancellationToken).ConfigureAwait(false);
            foreach (var message in report.Rejected.Concat(report.Failures))
            {
                context.WriteError(message);
            }

            if (report.Failures.Count > 0)
            {
                context.WriteError($"stopped after a failure: {report.Summary()}");
                return ExitCodes.Failure;
            }

            context.Out.WriteLine(report.Summary());
            return report.Rejected.Count > 0 ? ExitCodes.InvalidInput : ExitCodes.Success;
        });
        return command;
    }
}
