using System.CommandLine;
using OrleansScheduler.Cli.Output;
using OrleansScheduler.Json;

namespace OrleansScheduler.Cli.Commands;

/// <summary><c>osched queues [--json]</c>: prints how many runs wait in each queue, in processing per silo, in retry and dead-lettered.</summary>
internal static class QueuesCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context, GlobalOptions global)
    {
        var json = CommandOptions.Json();
        var command = new Command("queues", "Show how many runs are queued per queue, processing per silo, waiting to be retried and dead-lettered.") { json };
        CommandRunner.SetAction(command, context, async (result, cancellationToken) =>
        {
            await using var session = await context.Connector.ConnectAsync(global.Read(result), cancellationToken).ConfigureAwait(false);
            var depths = QueueDepthsView.From(await session.GetAdmin().GetQueueDepths().ConfigureAwait(false));
            if (result.GetValue(json))
            {
                JsonOutput.Write(context.Out, depths);
            }
            else
            {
                QueueDepthsText.Write(context.Out, depths);
                QueueDepthsText.WriteWarnings(context.Error, depths);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
