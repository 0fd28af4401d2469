namespace OrleansScheduler.Benchmarks.Measurement;

/// <summary>An occurrence the workload expects to run: the job and its nominal time (Unix ms).</summary>
/// <param name="JobId">The job.</param>
/// <param name="Occurrence">The nominal time, Unix ms.</param>
internal readonly record struct ExpectedRun(string JobId, long Occurrence);
