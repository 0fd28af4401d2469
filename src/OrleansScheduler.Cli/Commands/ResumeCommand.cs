using System.CommandLine;
using OrleansScheduler.Cli.Output;

namespace OrleansScheduler.Cli.Commands;

/// <summary><c>osched resume &lt;id&gt;</c>: resumes a paused job from now on.</summary>
internal static class ResumeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context, GlobalOptions global)
    {
        var id = CommandOptions.JobId();
        var command = new Command("resume", "Resume a paused job from now on; occurrences that fell in the pause are not run.") { id };
        CommandRunner.SetAction(command, context, async (result, cancellationToken) =>
        {
            var jobId = CommandOptions.ReadJobId(result, id);
            await using var session = await context.Connector.ConnectAsync(global.Read(result), cancellationToken).ConfigureAwait(false);
            var job = await session.GetJob(jobId).Resume().ConfigureAwait(false);
            context.Out.WriteLine(JobText.Summary(job, "resumed"));
            return ExitCodes.Success;
        });
        return command;
    }
}
