namespace OrleansScheduler.DevHost.Tests;

/// <summary>A temp results folder holding copies of the fixtures a test names; deleted on dispose.</summary>
internal sealed class TrxFolder : IDisposable
{
    public TrxFolder(params string[] fixtures)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "osched-trx-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
        // Numbered as the logger numbers them, so the order of the per-file lines is the order given here.
        for (var i = 0; i < fixtures.Length; i++)
        {
            File.Copy(System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", fixtures[i]), System.IO.Path.Combine(Path, $"osched_net10.0_2026120800000{i}.trx"));
        }
    }

    public string Path { get; }

    /// <summary>Adds a file with the given text (for TRX files too broken to keep as fixtures).</summary>
    public void Write(string name, string text) => File.WriteAllText(System.IO.Path.Combine(Path, name), text);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
