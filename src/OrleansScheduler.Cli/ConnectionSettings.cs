using StackExchange.Redis;

namespace OrleansScheduler.Cli;

/// <summary>Where the cluster is: the Redis that holds its membership, and its Orleans service and cluster ids.</summary>
/// <param name="Redis">A StackExchange.Redis configuration string, e.g. <c>localhost:6379</c>.</param>
/// <param name="ServiceId">The Orleans <c>ClusterOptions.ServiceId</c>.</param>
/// <param name="ClusterId">The Orleans <c>ClusterOptions.ClusterId</c>.</param>
internal sealed record ConnectionSettings(string Redis, string ServiceId, string ClusterId)
{
    /// <summary>The default Redis address, when neither <c>--redis</c> nor <c>OSCHED_REDIS</c> is given.</summary>
    public const string DefaultRedis = "localhost:6379";

    /// <summary>The environment variable that gives the default of <c>--redis</c>.</summary>
    public const string RedisEnvironmentVariable = "OSCHED_REDIS";

    /// <summary>The default service id and cluster id.</summary>
    public const string DefaultId = "orleans-scheduler";

    /// <summary>Parses <see cref="Redis"/>, or throws an invalid-input <see cref="CliException"/>.</summary>
    public ConfigurationOptions ParseRedisOptions()
    {
        try
        {
            return ConfigurationOptions.Parse(Redis);
        }
        catch (ArgumentException ex)
        {
            throw CliException.InvalidInput($"redis: \"{Redis}\" is not a Redis configuration string (e.g. localhost:6379): {ex.Message}", ex);
        }
    }

    /// <summary>The Redis address for messages, without any password.</summary>
    public string RedisForDisplay()
    {
        try
        {
            return ConfigurationOptions.Parse(Redis).ToString(includePassword: false);
        }
        catch (ArgumentException)
        {
            return Redis;
        }
    }

    /// <summary>Describes the cluster for messages: <c>Redis at localhost:6379 (service-id s, cluster-id c)</c>.</summary>
    public override string ToString() => $"Redis at {RedisForDisplay()} (service-id {ServiceId}, cluster-id {ClusterId})";
}
