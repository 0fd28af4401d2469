namespace OrleansScheduler;

/// <summary>No job has the given id.</summary>
[GenerateSerializer, Alias("osched.JobNotFoundException")]
public sealed class JobNotFoundException : Exception
{
    /// <summary>Creates the exception for a job id.</summary>
    public JobNotFoundException(string jobId)
        : base($"job \"{jobId}\" does not exist")
    {
        JobId = jobId;
    }

    /// <summary>The id that was looked up.</summary>
    [Id(0)] public string JobId { get; private set; }
}
