using OrleansScheduler.Json;

namespace OrleansScheduler.Silo.Api;

/// <summary>
/// A page of jobs in id order, as <c>GET /api/jobs</c> answers it and the jobs view's event stream sends it:
/// <c>{"jobs": [...], "next": "&lt;id to pass as after&gt;"}</c>.
/// </summary>
/// <param name="Jobs">The jobs of the page that match the state filter.</param>
/// <param name="Next">The id to pass as <c>after</c> for the next page; null on the last page.</param>
internal sealed record JobPage(IReadOnlyList<JobView> Jobs, string? Next)
{
    /// <summary>The page size when none is asked for.</summary>
    public const int DefaultSize = 100;

    /// <summary>The largest page.</summary>
    public const int MaxSize = 1000;

    /// <summary>What is wrong with a page request, in osched's words; empty when nothing is.</summary>
    public static IReadOnlyList<string> Validate(int size, string? state) =>
    [
        .. new[]
        {
            size is < 1 or > MaxSize ? $"limit: {size} is outside 1-{MaxSize}" : null,
            state is not (null or "active" or "paused") ? $"state: \"{state}\" is not one of active, paused" : null,
        }.OfType<string>(),
    ];

    /// <summary>
    /// Reads <paramref name="size"/> job ids after <paramref name="after"/> and the jobs among them in
    /// <paramref name="state"/> (null: all). The filter applies within the page, so a filtered page can hold fewer jobs
    /// than <paramref name="size"/> while <see cref="Next"/> still leads on.
    /// </summary>
    public static async Task<JobPage> ReadAsync(IGrainFactory grains, string? after, int size, string? state)
    {
        var (jobs, next) = await ReadJobsAsync(grains, after, size, state).ConfigureAwait(false);
        return new JobPage([.. jobs.Select(JobView.From)], next);
    }

    /// <summary>As <see cref="ReadAsync"/>, the jobs as the cluster knows them rather than their views.</summary>
    public static async Task<(IReadOnlyList<JobInfo> Jobs, string? Next)> ReadJobsAsync(IGrainFactory grains, string? after, int size, string? state)
    {
        var ids = await grains.GetGrain<ISchedulerAdminGrain>(0).GetJobIds(after, size).ConfigureAwait(false);
        var jobs = await Task.WhenAll(ids.Select(id => grains.GetGrain<IJobGrain>(id).Get())).ConfigureAwait(false);
        var matching = jobs.OfType<JobInfo>().Where(j => state is null || j.Paused == (state == "paused")).ToList();
        return (matching, ids.Count == size ? ids[^1] : null);
    }
}
