namespace OrleansScheduler.Benchmarks.Infrastructure;

/// <summary>A job to register: its id and its spec.</summary>
/// <param name="Id">The job id.</param>
/// <param name="Spec">What <see cref="IJobGrain.Schedule"/> is called with.</param>
internal sealed record JobRegistration(string Id, JobSpec Spec);
