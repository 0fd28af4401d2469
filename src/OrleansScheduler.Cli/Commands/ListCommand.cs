using System.CommandLine;
using OrleansScheduler.Cli.Output;
using OrleansScheduler.Json;

namespace OrleansScheduler.Cli.Commands;

/// <summary><c>osched list [--json]</c>: reads the job index from Redis and gets every job from its grain.</summary>
internal static class ListCommand
{
    /// <summary>How many <c>Get</c> calls are in flight at once.</summary>
    public const int Concurrency = 256;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context, GlobalOptions global)
    {
        var json = CommandOptions.Json();
        var command = new Command("list", "List all jobs: id, schedule, next due time, paused, last status.") { json };
        CommandRunner.SetAction(command, context, async (result, cancellationToken) =>
        {
            await using var session = await context.Connector.ConnectAsync(global.Read(result), cancellationToken).ConfigureAwait(false);
            var jobs = await GetAllAsync(session, cancellationToken).ConfigureAwait(false);
            if (result.GetValue(json))
            {
                JsonOutput.Write(context.Out, jobs.Select(JobView.From).ToList());
            }
            else
            {
                JobTableText.Write(context.Out, jobs);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Gets every indexed job, in index order; ids whose job is gone (deleted meanwhile) are left out.</summary>
    public static async Task<IReadOnlyList<JobInfo>> GetAllAsync(Cluster.IClusterSession session, CancellationToken cancellationToken)
    {
        var ids = await session.ListJobIdsAsync(cancellationToken).ConfigureAwait(false);
        var jobs = new JobInfo?[ids.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count), options, async (i, _) =>
            jobs[i] = await session.GetJob(ids[i]).Get().ConfigureAwait(false)).ConfigureAwait(false);
        return [.. jobs.OfType<JobInfo>()];
    }
}
