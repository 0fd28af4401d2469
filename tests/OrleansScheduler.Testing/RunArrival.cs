namespace OrleansScheduler.Testing;

/// <summary>One request the <see cref="RunReceiver"/> received: one execution of a run, seen from outside the scheduler.</summary>
/// <param name="Sequence">Its position in arrival order, from 0.</param>
/// <param name="RunId">The <c>Idempotency-Key</c> header: the run id.</param>
/// <param name="JobId">The <c>X-OSched-Job-Id</c> header.</param>
/// <param name="Attempt">The <c>X-OSched-Attempt</c> header (0 when absent or unreadable).</param>
/// <param name="ArrivedAt">When the request arrived, by the test process's clock.</param>
public sealed record RunArrival(long Sequence, string RunId, string JobId, int Attempt, DateTimeOffset ArrivedAt);
