using System.CommandLine;
using OrleansScheduler.Cli.Output;
using OrleansScheduler.Json;

namespace OrleansScheduler.Cli.Commands;

/// <summary><c>osched show &lt;id&gt; [--json]</c>: prints a job's definition and state.</summary>
internal static class ShowCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context, GlobalOptions global)
    {
        var id = CommandOptions.JobId();
        var json = CommandOptions.Json();
        var command = new Command("show", "Show a job: its definition, state, next due time and last run.") { id, json };
        CommandRunner.SetAction(command, context, async (result, cancellationToken) =>
        {
            var jobId = CommandOptions.ReadJobId(result, id);
            await using var session = await context.Connector.ConnectAsync(global.Read(result), cancellationToken).ConfigureAwait(false);
            var job = await session.GetJob(jobId).Get().ConfigureAwait(false) ?? throw new JobNotFoundException(jobId);
            if (result.GetValue(json))
            {
                JsonOutput.Write(context.Out, JobView.From(job));
            }
            else
            {
                JobText.WriteDetails(context.Out, job);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
