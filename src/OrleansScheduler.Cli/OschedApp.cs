using System.CommandLine;
using System.CommandLine.Invocation;
using OrleansScheduler.Cli.Cluster;
using OrleansScheduler.Cli.Commands;

namespace OrleansScheduler.Cli;

/// <summary>
/// The <c>osched</c> command line, runnable in-process: <c>Program</c> calls <see cref="RunAsync(string[], TextWriter, TextWriter, CancellationToken)"/>
/// with the console, and tests call it with their own writers.
/// </summary>
public static class OschedApp
{
    /// <summary>Runs one <c>osched</c> command line, connecting to the cluster through Redis clustering when the command needs it.</summary>
    /// <param name="args">The arguments, without the program name, e.g. <c>["show", "nightly", "--json"]</c>.</param>
    /// <param name="stdout">Receives results and JSON documents.</param>
    /// <param name="stderr">Receives errors, as <c>osched: {message}</c> lines.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>The exit code: <see cref="ExitCodes.Success"/>, <see cref="ExitCodes.Failure"/> or <see cref="ExitCodes.InvalidInput"/>.</returns>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        RunAsync(args, new CliContext
        {
            Out = stdout,
            Error = stderr,
            Connector = new OrleansClusterConnector(OrleansClusterConnector.DefaultConnectTimeout),
        }, cancellationToken);

    /// <summary>
    /// Runs one <c>osched</c> command line with grain calls going through <paramref name="grainFactory"/> (for example a
    /// test cluster's client) instead of a client of its own. <c>list</c> still reads the job index from the Redis
    /// named by <c>--redis</c> and <c>--service-id</c>.
    /// </summary>
    /// <param name="args">The arguments, without the program name.</param>
    /// <param name="stdout">Receives results and JSON documents.</param>
    /// <param name="stderr">Receives errors, as <c>osched: {message}</c> lines.</param>
    /// <param name="grainFactory">Makes the job and admin grain references.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    /// <returns>The exit code.</returns>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, IGrainFactory grainFactory, CancellationToken cancellationToken = default) =>
        RunAsync(args, new CliContext
        {
            Out = stdout,
            Error = stderr,
            Connector = new GrainFactoryConnector(grainFactory),
        }, cancellationToken);

    /// <summary>Parses and runs a command line; parse errors are printed as <c>osched: …</c> and exit 2.</summary>
    internal static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var result = BuildRootCommand(context).Parse(args);
        if (result.Action is ParseErrorAction)
        {
            foreach (var error in result.Errors)
            {
                context.WriteError(error.Message);
            }

            context.WriteError($"run '{CommandPath(result)} --help' for usage");
            return ExitCodes.InvalidInput;
        }

        var invocation = new InvocationConfiguration { Output = context.Out, Error = context.Error };
        return await result.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Builds the command tree.</summary>
    internal static RootCommand BuildRootCommand(CliContext context)
    {
        var global = new GlobalOptions(context);
        var root = new RootCommand("osched: schedule and inspect jobs on an OrleansScheduler cluster.")
        {
            ScheduleCommand.Create(context, global),
            ShowCommand.Create(context, global),
            HistoryCommand.Create(context, global),
            ListCommand.Create(context, global),
            ApplyCommand.Create(context, global),
            PauseCommand.Create(context, global),
            ResumeCommand.Create(context, global),
            TriggerCommand.Create(context, global),
            DeleteCommand.Create(context, global),
            DeadLettersCommand.Create(context, global),
            RequeueCommand.Create(context, global),
            QueuesCommand.Create(context, global),
            NextCommand.Create(context),
        };
        global.AddTo(root);
        return root;
    }

    private static string CommandPath(ParseResult result)
    {
        var names = new List<string>();
        for (var command = result.CommandResult; command is not null; command = command.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, command.Command.Name);
        }

        names[0] = "osched";
        return string.Join(' ', names);
    }
}
