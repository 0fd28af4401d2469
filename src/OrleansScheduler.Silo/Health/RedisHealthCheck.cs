using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansScheduler.Redis;

namespace OrleansScheduler.Silo.Health;

/// <summary>Healthy when Redis answers a PING within two seconds.</summary>
internal sealed class RedisHealthCheck(SchedulerRedisConnection connection) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var db = await connection.GetDatabaseAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            var latency = await db.PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer", ex);
        }
    }
}
