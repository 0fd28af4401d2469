using System.CommandLine;

namespace OrleansScheduler.Cli.Commands;

/// <summary><c>osched delete &lt;id&gt;</c>: deletes a job, its reminder and its history.</summary>
internal static class DeleteCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context, GlobalOptions global)
    {
        var id = CommandOptions.JobId();
        var command = new Command("delete", "Delete a job, its reminder and its history. Runs already queued still execute.") { id };
        CommandRunner.SetAction(command, context, async (result, cancellationToken) =>
        {
            var jobId = CommandOptions.ReadJobId(result, id);
            await using var session = await context.Connector.ConnectAsync(global.Read(result), cancellationToken).ConfigureAwait(false);
            if (!await session.GetJob(jobId).Delete().ConfigureAwait(false))
            {
                throw new JobNotFoundException(jobId);
            }

            context.Out.WriteLine($"job \"{jobId}\" deleted");
            return ExitCodes.Success;
        });
        return command;
    }
}
