using System.CommandLine;
using OrleansScheduler.Cli.Output;
using OrleansScheduler.Json;

namespace OrleansScheduler.Cli.Commands;

/// <summary><c>osched schedule &lt;id&gt; …</c>: creates or replaces a job.</summary>
internal static class ScheduleCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context, GlobalOptions global)
    {
        var id = CommandOptions.JobId();
        var schedule = new ScheduleOptions(withOnce: true);
        var handler = CommandOptions.Text("--handler", "The name of the registered handler that runs the job (required).", "name");
        var payload = CommandOptions.Text("--payload", "JSON data handed to the handler (at most 64 KiB).", "json");
        var queue = CommandOptions.Text("--queue", $"The queue runs go to. Default {JobSpec.DefaultQueue}.", "name");
        var maxAttempts = CommandOptions.OptionalInt("--max-attempts", $"Attempts per run before it is dead-lettered (1-100, default {JobSpec.DefaultMaxAttempts}).");
        var misfire = CommandOptions.Text("--misfire", "What to do with occurrences missed during downtime: FireOnce (default), FireAll or Skip.", "FireOnce|FireAll|Skip");
        var overlap = CommandOptions.Text("--overlap", "What to do when the previous run is still going: Allow (default) or Skip.", "Allow|Skip");
        var timeout = CommandOptions.Text("--timeout", "How long one attempt may run, e.g. 30s (1ms-1d). Default: the scheduler's.", "duration");
        var json = CommandOptions.Json();

        var command = new Command("schedule", "Create a job, or replace its definition. Scheduling an unchanged definition changes nothing.") { id };
        schedule.AddTo(command);
        foreach (var option in (Option[])[handler, payload, queue, maxAttempts, misfire, overlap, timeout, json])
        {
            command.Options.Add(option);
        }

        CommandRunner.SetAction(command, context, async (result, cancellationToken) =>
        {
            var errors = new List<string>();
            var definition = schedule.Read(result) with
            {
                Id = result.GetValue(id),
                Handler = result.GetValue(handler),
                Payload = PayloadReader.Read(result.GetValue(payload), errors),
                Queue = result.GetValue(queue),
                MaxAttempts = result.GetValue(maxAttempts),
                Misfire = result.GetValue(misfire),
                Overlap = result.GetValue(overlap),
                Timeout = result.GetValue(timeout),
            };
            var spec = definition.ToSpec(context.Time.GetUtcNow(), errors);
            if (spec is null || errors.Count > 0)
            {
                throw CliException.InvalidInput(errors);
            }

            var settings = global.Read(result);
            await using var session = await context.Connector.ConnectAsync(settings, cancellationToken).ConfigureAwait(false);
            var before = InstantFormat.ToWholeMilliseconds(context.Time.GetUtcNow());
            var job = await session.GetJob(definition.Id!).Schedule(spec).ConfigureAwait(false);
            if (result.GetValue(json))
            {
                JsonOutput.Write(context.Out, JobView.From(job));
            }
            else
            {
                var what = job.CreatedAt >= before ? "created" : job.UpdatedAt >= before ? "updated" : "unchanged";
                context.Out.WriteLine(JobText.Summary(job, what));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
