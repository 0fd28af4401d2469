using System.CommandLine;

namespace OrleansScheduler.Cli.Commands;

/// <summary><c>osched requeue &lt;runId&gt;</c>: puts a dead-lettered run back on its queue with a fresh set of attempts.</summary>
internal static class RequeueCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context, GlobalOptions global)
    {
        var runIdArgument = new Argument<string>("runId")
        {
            Description = "The run id of a dead letter, as 'osched dead-letters' prints it.",
        };
        var command = new Command("requeue", "Put a dead-lettered run back on its queue, under the same run id, with a fresh set of attempts.") { runIdArgument };
        CommandRunner.SetAction(command, context, async (result, cancellationToken) =>
        {
            var runId = result.GetValue(runIdArgument);
            if (string.IsNullOrWhiteSpace(runId))
            {
                throw CliException.InvalidInput("runId: is empty");
            }

            await using var session = await context.Connector.ConnectAsync(global.Read(result), cancellationToken).ConfigureAwait(false);
            if (!await session.GetAdmin().Requeue(runId).ConfigureAwait(false))
            {
                throw CliException.Failure($"no dead letter has run id \"{runId}\"");
            }

            context.Out.WriteLine($"requeued {runId}");
            return ExitCodes.Success;
        });
        return command;
    }
}
