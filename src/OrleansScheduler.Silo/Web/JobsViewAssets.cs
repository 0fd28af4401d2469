using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace OrleansScheduler.Silo.Web;

/// <summary>
/// The jobs view's files (HTML, JavaScript modules, CSS), embedded in the silo assembly as resources named
/// <c>jobs-view/{file}</c>. Embedded rather than copied to an output folder, so the view is there wherever the
/// assembly runs: <c>dotnet run</c>, the built binary or a published image, whatever the content root.
/// </summary>
internal sealed class JobsViewAssets
{
    /// <summary>The prefix of the resource names (see the silo's project file).</summary>
    public const string ResourcePrefix = "jobs-view/";

    // Scripts and styles come from the silo only; the page opens event streams and calls the API on its own origin.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'";

    private readonly FrozenDictionary<string, Asset> _assets;

    private JobsViewAssets(FrozenDictionary<string, Asset> assets) => _assets = assets;

    /// <summary>The file names served, e.g. <c>index.html</c>, <c>app.js</c>.</summary>
    public IEnumerable<string> Files => _assets.Keys;

    /// <summary>Reads every embedded file of the view once.</summary>
    /// <exception cref="InvalidOperationException">The assembly holds no file of the view (a broken build).</exception>
    public static JobsViewAssets Load()
    {
        var assembly = typeof(JobsViewAssets).Assembly;
        var types = new FileExtensionContentTypeProvider();
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var file = name[ResourcePrefix.Length..];
            var contentType = types.TryGetContentType(file, out var known) ? known : "application/octet-stream";
            if (contentType.StartsWith("text/", StringComparison.Ordinal) || file.EndsWith(".js", StringComparison.Ordinal))
            {
                contentType += "; charset=utf-8";
            }

            var bytes = copy.ToArray();
            assets[file] = new Asset(bytes, contentType, new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\""));
        }

        return assets.ContainsKey("index.html")
            ? new JobsViewAssets(assets.ToFrozenDictionary(StringComparer.Ordinal))
            : throw new InvalidOperationException($"the jobs view is missing from {assembly.GetName().Name}: no embedded resource {ResourcePrefix}index.html");
    }

    /// <summary>Serves one file, or 404. Answers 304 to a request that already holds the current version.</summary>
    public IResult Serve(HttpContext context, string file)
    {
        if (!_assets.TryGetValue(file, out var asset))
        {
            return Results.NotFound();
        }

        var headers = context.Response.Headers;
        // Revalidate every time (cheap, by ETag): a silo upgrade must not leave browsers on the old scripts.
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        if (file.EndsWith(".html", StringComparison.Ordinal))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers["Referrer-Policy"] = "same-origin";
        }

        return TypedResults.Bytes(asset.Bytes, asset.ContentType, entityTag: asset.ETag);
    }

    private sealed record Asset(byte[] Bytes, string ContentType, EntityTagHeaderValue ETag);
}
