using System.CommandLine;
using OrleansScheduler.Cli.Output;

namespace OrleansScheduler.Cli.Commands;

/// <summary><c>osched pause &lt;id&gt;</c>: stops a job firing until it is resumed.</summary>
internal static class PauseCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context, GlobalOptions global)
    {
        var id = CommandOptions.JobId();
        var command = new Command("pause", "Stop a job firing until it is resumed. Pausing a paused job changes nothing.") { id };
        CommandRunner.SetAction(command, context, async (result, cancellationToken) =>
        {
            var jobId = CommandOptions.ReadJobId(result, id);
            await using var session = await context.Connector.ConnectAsync(global.Read(result), cancellationToken).ConfigureAwait(false);
            var job = await session.GetJob(jobId).Pause().ConfigureAwait(false);
            context.Out.WriteLine(JobText.Summary(job, "paused"));
            return ExitCodes.Success;
        });
        return command;
    }
}
