using System.Globalization;

namespace OrleansScheduler.Cli.Apply;

/// <summary>What an apply did.</summary>
internal sealed record ApplyReport
{
    /// <summary>How many entries the file had.</summary>
    public int Total { get; init; }

    /// <summary>Jobs created, or whose definition changed.</summary>
    public int Changed { get; init; }

    /// <summary>Jobs whose definition was already the same.</summary>
    public int Unchanged { get; init; }

    /// <summary>One message per rule the silo reported broken, naming the entry.</summary>
    public IReadOnlyList<string> Rejected { get; init; } = [];

    /// <summary>Other failures, naming the entry; the run stopped at the first.</summary>
    public IReadOnlyList<string> Failures { get; init; } = [];

    /// <summary>How long the grain calls took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Jobs the cluster accepted.</summary>
    public int Applied => Changed + Unchanged;

    /// <summary>The summary line, e.g. <c>applied 10000 jobs (9998 created or changed, 2 unchanged) in 1.84 s</c>.</summary>
    public string Summary()
    {
        var applied = Applied == Total
            ? $"applied {Applied} job{(Applied == 1 ? "" : "s")}"
            : $"applied {Applied} of {Total} jobs";
        var seconds = Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        return $"{applied} ({Changed} created or changed, {Unchanged} unchanged) in {seconds} s";
    }
}
