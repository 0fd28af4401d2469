using System.Globalization;
using System.Text;
using System.Text.Json;
using StackExchange.Redis;

namespace OrleansScheduler.Testing.Fuzzing;

/// <summary>
/// The <c>osched apply</c> target: generated files (arrays of mutated definitions with plain, hostile and duplicate
/// ids, some mutated as a whole) applied by the real osched process. It must exit 0 or 2 (1 is a failure, anything
/// else a crash); every error line must name its entry (<c>jobs[i]</c>) or the file, and a field, and no .NET type;
/// and a file refused by local validation must leave the keyspace as it was. Jobs a file did create are deleted after.
/// </summary>
public sealed class ApplyFuzzTarget : IDisposable
{
    /// <summary>The target's name in the report.</summary>
    public const string Name = "apply";

    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 10_000 };

    private readonly Osched _osched;
    private readonly IConnectionMultiplexer _redis;
    private readonly HttpClient _http;
    private readonly string _apiKey;
    private readonly KeyspaceRules _rules;
    private readonly string _directory;

    /// <summary>A target applying files with <paramref name="osched"/>; jobs it creates are deleted through the silo at <paramref name="siloAddress"/>.</summary>
    public ApplyFuzzTarget(Osched osched, IConnectionMultiplexer redis, KeyspaceRules rules, Uri siloAddress, string apiKey)
    {
        _osched = osched;
        _redis = redis;
        _apiKey = apiKey;
        _http = new HttpClient { BaseAddress = siloAddress, Timeout = TimeSpan.FromSeconds(30) };
        _rules = rules;

        _directory = Path.Combine(Path.GetTempPath(), "osched-fuzz-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_directory);
    }

    /// <summary>Runs case <paramref name="caseIndex"/> of the run with <paramref name="report"/>'s seed.</summary>
    public async Task RunAsync(FuzzReport report, int caseIndex, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var random = FuzzSeed.ForCase(report.Seed, Name, caseIndex);
        var (bytes, recipe) = File(random, caseIndex);
        var path = Path.Combine(_directory, string.Create(CultureInfo.InvariantCulture, $"case-{caseIndex}.json"));
        await System.IO.File.WriteAllBytesAsync(path, bytes, cancellationToken).ConfigureAwait(false);
        var shown = $"{recipe}{Environment.NewLine}{FuzzInput.Show(bytes)}";
        var before = await KeyspaceSnapshot.TakeAsync(_redis).ConfigureAwait(false);
        CliResult result;
        try
        {
            result = await _osched.RunAsync("apply", path).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            report.Count(Name, "timeout");
            report.Fail(FuzzCheck.ApplyExitCode, Name, caseIndex, ex.Message, shown);
            return;
        }
        finally
        {
            System.IO.File.Delete(path);
        }

        report.Count(Name, "exit " + result.ExitCode.ToString(CultureInfo.InvariantCulture));
        var input = Encoding.UTF8.GetString(bytes);
        var refusedLocally = !result.Stdout.Contains("applied", StringComparison.Ordinal);
        if (result.ExitCode is not (0 or 2))
        {
            report.Fail(FuzzCheck.ApplyExitCode, Name, caseIndex, result.ToString(), shown);
        }
        else if (result.ExitCode == 2 && ApplyErrors.Check(result.Stderr, path, input) is { } problem)
        {
            report.Fail(FuzzCheck.ApplyEntryNotNamed, Name, caseIndex, $"{problem}{Environment.NewLine}{result}", shown);
        }

        if (result.ExitCode == 2 && refusedLocally)
        {
            var written = _rules.Unexplained((await KeyspaceSnapshot.TakeAsync(_redis).ConfigureAwait(false)).WrittenSince(before));
            if (written.Count > 0)
            {
                report.Fail(FuzzCheck.ApplyKeyWritten, Name, caseIndex, $"refused, yet wrote {string.Join(", ", written.Take(10))}{Environment.NewLine}{result}", shown);
            }
        }
        else
        {
            await DeleteJobsAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _http.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private static (byte[] Bytes, string Recipe) File(Random random, int caseIndex)
    {
        var recipe = new StringBuilder();
        var entries = new List<byte[]>();
        var count = random.Next(1, 5);
        for (var i = 0; i < count; i++)
        {
            // Two entries in three well-formed as they are, so that some files get through local validation.
            var definition = random.Next(3) == 0
                ? FuzzMutator.Definition(random)
                : new FuzzInput(Encoding.UTF8.GetBytes(FuzzCorpus.Definitions[random.Next(FuzzCorpus.WellFormed)]), "well-formed");
            var bytes = definition.Bytes;
            var id = random.Next(10) switch
            {
                0 => Uri.UnescapeDataString(FuzzMutator.Pick(random, FuzzIds.Hostile)),
                1 when i > 0 => string.Create(CultureInfo.InvariantCulture, $"fz-apply-{caseIndex}-{i - 1}"),
                2 => null,
                _ => string.Create(CultureInfo.InvariantCulture, $"fz-apply-{caseIndex}-{i}"),
            };
            if (id is not null)
            {
                bytes = JsonFields.Set(bytes, "id", JsonSerializer.Serialize(id));
            }

            recipe.Append(CultureInfo.InvariantCulture, $"jobs[{i}]: {definition.Recipe}{(id is null ? "" : $" | id {id}")}; ");
            entries.Add(bytes);
        }

        var file = Encoding.UTF8.GetBytes("[\n").Concat(Join(entries)).Concat("\n]"u8.ToArray()).ToArray();
        if (random.Next(8) == 0)
        {
            file = FuzzMutator.MutateBytes(file, random, recipe.Append("file"));
        }

        return (file, recipe.ToString());
    }

    private static IEnumerable<byte> Join(List<byte[]> entries) => entries.SelectMany((e, i) => i == 0 ? e : [.. ",\n"u8, .. e]);

    private async Task DeleteJobsAsync(byte[] file, CancellationToken cancellationToken)
    {
        List<string> ids = [];
        try
        {
            using var document = JsonDocument.Parse(file, Lenient);
            foreach (var entry in document.RootElement.EnumerateArray())
            {
                if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { } text)
                {
                    ids.Add(text);
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return;
        }

        foreach (var id in ids)
        {
            _rules.AddJob(id);
            using var delete = new HttpRequestMessage(HttpMethod.Delete, new Uri("api/jobs/" + Uri.EscapeDataString(id), UriKind.Relative));
            delete.Headers.Add("X-Api-Key", _apiKey);
            using var _ = await _http.SendAsync(delete, cancellationToken).ConfigureAwait(false);
        }
    }
}
