namespace OrleansScheduler.Silo.Api;

/// <summary>The answer of <c>GET /api/timeline</c>: upcoming occurrences of a page of active jobs in a window.</summary>
/// <param name="From">The window's start (now), UTC ISO 8601; occurrences are after it.</param>
/// <param name="To">The window's end, UTC ISO 8601, inclusive.</param>
/// <param name="Ticks">The most occurrences listed per job.</param>
/// <param name="Jobs">One row per active job of the page that has an occurrence left, in id order.</param>
/// <param name="Next">The id to pass as <c>after</c> for the next page; null on the last page.</param>
internal sealed record TimelineView(string From, string To, int Ticks, IReadOnlyList<TimelineRow> Jobs, string? Next);
