using OrleansScheduler.Json;

namespace OrleansScheduler.Silo.Api;

/// <summary>What <c>/api/jobs/{id}/events</c> sends: the job, its latest runs and its next occurrences.</summary>
/// <param name="Job">The job, as <c>GET /api/jobs/{id}</c>; null while it does not exist (e.g. just deleted).</param>
/// <param name="History">Its latest runs, newest first, as <c>GET /api/jobs/{id}/history</c>.</param>
/// <param name="Next">Its next occurrences, as <c>GET /api/jobs/{id}/next</c>.</param>
internal sealed record JobSnapshot(JobView? Job, IReadOnlyList<RunView> History, IReadOnlyList<OccurrenceView> Next);
