namespace OrleansScheduler.Silo.Api;

/// <summary>One job's upcoming occurrences in a <see cref="TimelineView"/>.</summary>
/// <param name="Id">The job id.</param>
/// <param name="Schedule">The schedule in words.</param>
/// <param name="Occurrences">The occurrences in the window, UTC ISO 8601, oldest first: at most one per slot of
/// window ÷ ticks, so a dense schedule is shown evenly over the whole window.</param>
/// <param name="Thinned">True when more occurrences fall in the window than are listed (e.g. an every-second job).</param>
internal sealed record TimelineRow(string Id, string Schedule, IReadOnlyList<string> Occurrences, bool Thinned);
