namespace OrleansScheduler;

/// <summary>A job id or spec broke one or more rules. Nothing was stored.</summary>
[GenerateSerializer, Alias("osched.JobValidationException")]
public sealed class JobValidationException : Exception
{
    /// <summary>Creates the exception from the broken rules.</summary>
    public JobValidationException(IReadOnlyList<string> errors)
        : base(BuildMessage(errors))
    {
        Errors = [.. errors];
    }

    /// <summary>Creates the exception with the broken rules and the error that revealed them.</summary>
    public JobValidationException(IReadOnlyList<string> errors, Exception innerException)
        : base(BuildMessage(errors), innerException)
    {
        Errors = [.. errors];
    }

    /// <summary>Each broken rule, naming the field, the bad value and the rule.</summary>
    [Id(0)] public string[] Errors { get; private set; }

    private static string BuildMessage(IReadOnlyList<string> errors) =>
        errors.Count == 1 ? errors[0] : $"{errors.Count} problems: " + string.Join("; ", errors);
}
