namespace OrleansScheduler;

/// <summary>What happens when an occurrence comes due while the previous run of the same job is still running.</summary>
public enum OverlapPolicy
{
    /// <summary>Runs may overlap. The default.</summary>
    Allow = 0,

    /// <summary>The new occurrence is recorded as skipped.</summary>
    Skip = 1,
}
