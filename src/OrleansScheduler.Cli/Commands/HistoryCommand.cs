using System.CommandLine;
using OrleansScheduler.Cli.Output;
using OrleansScheduler.Json;

namespace OrleansScheduler.Cli.Commands;

/// <summary><c>osched history &lt;id&gt; [--limit N] [--json]</c>: prints a job's latest runs, newest first.</summary>
internal static class HistoryCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context, GlobalOptions global)
    {
        var id = CommandOptions.JobId();
        var limit = CommandOptions.Int("--limit", "How many entries at most", 1, SchedulerLimits.MaxHistory, SchedulerLimits.DefaultHistory);
        var json = CommandOptions.Json();
        var command = new Command("history", "Show a job's latest runs and skipped occurrences, newest first.") { id, limit, json };
        CommandRunner.SetAction(command, context, async (result, cancellationToken) =>
        {
            var jobId = CommandOptions.ReadJobId(result, id);
            await using var session = await context.Connector.ConnectAsync(global.Read(result), cancellationToken).ConfigureAwait(false);
            var grain = session.GetJob(jobId);

            // The history of a job that does not exist is empty; tell that apart from a job that never ran.
            var runs = await grain.GetHistory(result.GetValue(limit)).ConfigureAwait(false);
            if (runs.Count == 0 && await grain.Get().ConfigureAwait(false) is null)
            {
                throw new JobNotFoundException(jobId);
            }

            if (result.GetValue(json))
            {
                JsonOutput.Write(context.Out, runs.Select(RunView.From).ToList());
            }
            else
            {
                HistoryText.Write(context.Out, jobId, runs);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
