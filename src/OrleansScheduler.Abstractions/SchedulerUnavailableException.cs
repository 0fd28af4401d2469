namespace OrleansScheduler;

/// <summary>
/// The scheduler could not complete a call because its store (Redis) failed or did not answer in time. Nothing, or
/// part of what the call asked for, was stored; every call of <see cref="IJobGrain"/> and
/// <see cref="ISchedulerAdminGrain"/> is safe to retry, and a retried mutation finishes what the failed one began.
/// </summary>
/// <remarks>
/// The original failure is logged on the silo; its type and message are in <see cref="Exception.Message"/> (the
/// exception itself cannot always cross a grain call: StackExchange.Redis's exceptions have no Orleans codec).
/// </remarks>
[GenerateSerializer, Alias("osched.SchedulerUnavailableException")]
public sealed class SchedulerUnavailableException : Exception
{
    /// <summary>Creates the exception with a message that says what failed.</summary>
    public SchedulerUnavailableException(string message)
        : base(message)
    {
    }
}
