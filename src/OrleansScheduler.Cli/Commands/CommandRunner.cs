using System.CommandLine;

namespace OrleansScheduler.Cli.Commands;

/// <summary>
/// Runs a command's action and turns its failures into exit codes and <c>osched: …</c> lines on stderr:
/// invalid input and <see cref="JobValidationException"/> exit 2, everything else (a missing job, an unreachable
/// cluster, a failed grain call) exits 1.
/// </summary>
internal static class CommandRunner
{
    /// <summary>Sets <paramref name="action"/> as the action of <paramref name="command"/>.</summary>
    public static void SetAction(Command command, CliContext context, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction((result, cancellationToken) => RunAsync(context, result, action, cancellationToken));

    /// <summary>Reports an exception on stderr and returns the exit code it maps to.</summary>
    public static int Report(CliContext context, Exception exception)
    {
        switch (exception)
        {
            case CliException cli:
                foreach (var message in cli.Messages)
                {
                    context.WriteError(message);
                }

                return cli.ExitCode;
            case JobValidationException invalid:
                foreach (var message in invalid.Errors is { Length: > 0 } errors ? errors : [invalid.Message])
                {
                    context.WriteError(message);
                }

                return ExitCodes.InvalidInput;
            default:
                context.WriteError(exception.Message);
                return ExitCodes.Failure;
        }
    }

    private static async Task<int> RunAsync(
        CliContext context,
        ParseResult result,
        Func<ParseResult, CancellationToken, Task<int>> action,
        CancellationToken cancellationToken)
    {
        try
        {
            return await action(result, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.WriteError("cancelled");
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Report(context, ex);
        }
    }
}
