namespace OrleansScheduler.Cli;

/// <summary>The exit codes of <c>osched</c>.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>
    /// Anything else went wrong: the cluster could not be reached, a job does not exist, a grain call failed.
    /// </summary>
    public const int Failure = 1;

    /// <summary>
    /// The input broke a rule: a bad option value, conflicting options, an apply file that fails validation, or a
    /// spec the silo rejected (<see cref="JobValidationException"/>, e.g. an unknown handler). Nothing was changed,
    /// except by <c>apply</c> for the entries the silo accepted.
    /// </summary>
    public const int InvalidInput = 2;
}
