namespace OrleansScheduler.Hosting;

/// <summary>Service keys of the <see cref="TimeProvider"/> the scheduler reads the time from.</summary>
public static class JobSchedulerTimeProviderNames
{
    /// <summary>The key of the scheduler's clock. Register a keyed <see cref="TimeProvider"/> with it (before <c>AddJobScheduler</c>) to control time in tests.</summary>
    public const string Scheduler = "OrleansScheduler";
}
