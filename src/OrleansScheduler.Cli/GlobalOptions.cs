using System.CommandLine;

namespace OrleansScheduler.Cli;

/// <summary>The options every command accepts: where the cluster is.</summary>
internal sealed class GlobalOptions
{
    /// <summary>Creates the options; <c>--redis</c> defaults to <c>OSCHED_REDIS</c>, else <c>localhost:6379</c>.</summary>
    public GlobalOptions(CliContext context)
    {
        Redis = new Option<string>("--redis")
        {
            Description = $"The Redis that holds the cluster's membership, as a StackExchange.Redis configuration string. Default: ${ConnectionSettings.RedisEnvironmentVariable}, else {ConnectionSettings.DefaultRedis}.",
            HelpName = "host:port",
            Recursive = true,
            DefaultValueFactory = _ => context.GetEnvironmentVariable(ConnectionSettings.RedisEnvironmentVariable) is { Length: > 0 } fromEnvironment
                ? fromEnvironment
                : ConnectionSettings.DefaultRedis,
        };
        ServiceId = new Option<string>("--service-id")
        {
            Description = "The Orleans service id of the cluster.",
            Recursive = true,
            DefaultValueFactory = _ => ConnectionSettings.DefaultId,
        };
        ClusterId = new Option<string>("--cluster-id")
        {
            Description = "The Orleans cluster id of the cluster.",
            Recursive = true,
            DefaultValueFactory = _ => ConnectionSettings.DefaultId,
        };
    }

    /// <summary><c>--redis</c>.</summary>
    public Option<string> Redis { get; }

    /// <summary><c>--service-id</c>.</summary>
    public Option<string> ServiceId { get; }

    /// <summary><c>--cluster-id</c>.</summary>
    public Option<string> ClusterId { get; }

    /// <summary>Adds the options to the root command.</summary>
    public void AddTo(Command root)
    {
        root.Options.Add(Redis);
        root.Options.Add(ServiceId);
        root.Options.Add(ClusterId);
    }

    /// <summary>Reads the connection settings, or throws an invalid-input <see cref="CliException"/> for an empty value.</summary>
    public ConnectionSettings Read(ParseResult result)
    {
        var errors = new List<string>();
        var redis = Required(result, Redis, "redis", errors);
        var serviceId = Required(result, ServiceId, "service-id", errors);
        var clusterId = Required(result, ClusterId, "cluster-id", errors);
        return errors.Count > 0 ? throw CliException.InvalidInput(errors) : new ConnectionSettings(redis, serviceId, clusterId);
    }

    private static string Required(ParseResult result, Option<string> option, string field, List<string> errors)
    {
        var value = result.GetValue(option);
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{field}: is empty");
            return "";
        }

        return value.Trim();
    }
}
