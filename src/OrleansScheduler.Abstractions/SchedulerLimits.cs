namespace OrleansScheduler;

/// <summary>
/// The bounds the grains put on what a caller may ask for in one call, and how much the HTTP API and osched ask for
/// when the user gives no limit. One definition, so that the CLI's option ranges and the grains' checks agree.
/// </summary>
public static class SchedulerLimits
{
    /// <summary>The most history entries <see cref="IJobGrain.GetHistory"/> returns in one call: 1000.</summary>
    public const int MaxHistory = 1000;

    /// <summary>How many history entries the HTTP API and <c>osched history</c> ask for when no limit is given: 20.</summary>
    public const int DefaultHistory = 20;

    /// <summary>The most dead letters <see cref="ISchedulerAdminGrain.GetDeadLetters"/> returns in one call: 10,000.</summary>
    public const int MaxDeadLetters = 10_000;

    /// <summary>How many dead letters the HTTP API and <c>osched dead-letters</c> ask for when no limit is given: 100.</summary>
    public const int DefaultDeadLetters = 100;

    /// <summary>The most job ids <see cref="ISchedulerAdminGrain.GetJobIds"/> returns in one call: 10,000.</summary>
    public const int MaxJobIdsPage = 10_000;
}
