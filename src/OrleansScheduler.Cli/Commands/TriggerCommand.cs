using System.CommandLine;

namespace OrleansScheduler.Cli.Commands;

/// <summary><c>osched trigger &lt;id&gt;</c>: enqueues one run now and prints its run id.</summary>
internal static class TriggerCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context, GlobalOptions global)
    {
        var id = CommandOptions.JobId();
        var command = new Command("trigger", "Enqueue one run now, outside the schedule (also for a paused job), and print its run id.") { id };
        CommandRunner.SetAction(command, context, async (result, cancellationToken) =>
        {
            var jobId = CommandOptions.ReadJobId(result, id);
            await using var session = await context.Connector.ConnectAsync(global.Read(result), cancellationToken).ConfigureAwait(false);
            var runId = await session.GetJob(jobId).Trigger().ConfigureAwait(false);
            context.Out.WriteLine(runId);
            return ExitCodes.Success;
        });
        return command;
    }
}
