using System.Reflection;

namespace OrleansScheduler.Testing;

/// <summary>Locates the repository and the built programs the end-to-end tests start as real processes.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root: the nearest directory above the test binaries that holds OrleansScheduler.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built with (Debug or Release).</summary>
    public static string Configuration { get; } =
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BuildConfiguration")?.Value ?? "Debug";

    /// <summary>The built silo.</summary>
    public static string SiloDll => Built("OrleansScheduler.Silo", "OrleansScheduler.Silo.dll");

    /// <summary>The built osched CLI.</summary>
    public static string CliDll => Built("OrleansScheduler.Cli", "osched.dll");

    private static string Built(string project, string file)
    {
        var path = Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{file} is not built; run 'dotnet build OrleansScheduler.sln -c {Configuration}' first", path);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OrleansScheduler.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("OrleansScheduler.sln not found above " + AppContext.BaseDirectory);
    }
}
