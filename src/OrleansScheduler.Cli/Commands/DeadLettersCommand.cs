using System.CommandLine;
using OrleansScheduler.Cli.Output;
using OrleansScheduler.Json;

namespace OrleansScheduler.Cli.Commands;

/// <summary><c>osched dead-letters [--limit N] [--json]</c>: prints the runs that exhausted their attempts, newest first.</summary>
internal static class DeadLettersCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context, GlobalOptions global)
    {
        var limit = CommandOptions.Int("--limit", "How many dead letters at most", 1, SchedulerLimits.MaxDeadLetters, SchedulerLimits.DefaultDeadLetters);
        var json = CommandOptions.Json();
        var command = new Command("dead-letters", "List the runs that exhausted their attempts, newest first. Put one back on its queue with 'osched requeue <runId>'.") { limit, json };
        CommandRunner.SetAction(command, context, async (result, cancellationToken) =>
        {
            await using var session = await context.Connector.ConnectAsync(global.Read(result), cancellationToken).ConfigureAwait(false);
            var deadLetters = await session.GetAdmin().GetDeadLetters(result.GetValue(limit)).ConfigureAwait(false);
            if (result.GetValue(json))
            {
                JsonOutput.Write(context.Out, deadLetters.Select(DeadLetterView.From).ToList());
            }
            else
            {
                DeadLetterText.Write(context.Out, deadLetters);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
