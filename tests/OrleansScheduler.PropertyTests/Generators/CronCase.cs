namespace OrleansScheduler.PropertyTests.Generators;

/// <summary>A cron expression and the time zone it is read in.</summary>
public sealed record CronCase(string Expression, string Zone)
{
    /// <inheritdoc/>
    public override string ToString() => $"\"{Expression}\" in {Zone}";
}
