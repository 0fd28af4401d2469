namespace OrleansScheduler.Testing;

/// <summary>The <c>dotnet</c> host that runs the built programs (<c>dotnet X.dll</c>).</summary>
internal static class DotnetHost
{
    /// <summary>
    /// <c>DOTNET_HOST_PATH</c> (set by the SDK for <c>dotnet test</c> and <c>dotnet build</c>), else <c>dotnet</c> on PATH.
    /// </summary>
    public static string Path { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : Executables.Find("dotnet") ?? throw new InvalidOperationException("dotnet is not on PATH and DOTNET_HOST_PATH is not set");

    /// <summary>
    /// Removes the variables through which the test runner's environment would reach a child program's configuration
    /// (<c>Scheduler__*</c>, <c>OSCHED_*</c>, <c>OTEL_*</c>, <c>ASPNETCORE_URLS</c>), so the command line alone decides.
    /// </summary>
    public static void IsolateEnvironment(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.ToList())
        {
            if (name.StartsWith("Scheduler__", StringComparison.OrdinalIgnoreCase) ||
                name.StartsWith("Scheduler:", StringComparison.OrdinalIgnoreCase) ||
                name.StartsWith("OSCHED_", StringComparison.OrdinalIgnoreCase) ||
                name.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase) ||
                name is "ASPNETCORE_URLS" or "DOTNET_URLS" or "ASPNETCORE_HTTP_PORTS" or "ASPNETCORE_ENVIRONMENT" or "DOTNET_ENVIRONMENT")
            {
                environment.Remove(name);
            }
        }

        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
    }
}
