namespace OrleansScheduler.Cli.Apply;

/// <summary>One valid job of an apply file.</summary>
/// <param name="Label">How messages name it, e.g. <c>jobs[3] (id "x")</c>.</param>
/// <param name="Id">The job id.</param>
/// <param name="Spec">The spec to schedule.</param>
internal sealed record ApplyEntry(string Label, string Id, JobSpec Spec);
