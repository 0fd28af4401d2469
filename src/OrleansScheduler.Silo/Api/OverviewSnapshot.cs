using OrleansScheduler.Json;

namespace OrleansScheduler.Silo.Api;

/// <summary>What <c>/api/events</c> sends: a page of jobs, the queue depths and the latest dead letters.</summary>
/// <param name="Jobs">The page of jobs, as <c>GET /api/jobs</c> answers it.</param>
/// <param name="Next">The id to pass as <c>after</c> for the next page; null on the last page.</param>
/// <param name="Queues">As <c>GET /api/queues</c>.</param>
/// <param name="DeadLetters">The latest dead letters, newest first, as <c>GET /api/dead-letters</c>.</param>
internal sealed record OverviewSnapshot(IReadOnlyList<JobView> Jobs, string? Next, QueueDepthsView Queues, IReadOnlyList<DeadLetterView> DeadLetters);
