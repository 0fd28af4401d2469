namespace OrleansScheduler.Firing;

/// <summary>One entry of the due index: a job and its next due time, as Redis holds the score (Unix ms, as text).</summary>
/// <param name="JobId">The job.</param>
/// <param name="Score">The score exactly as Redis returned it, so that it can name the entry again.</param>
internal sealed record DueEntry(string JobId, string Score);
