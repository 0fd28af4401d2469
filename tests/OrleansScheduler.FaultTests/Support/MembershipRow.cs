using System.Text.Json.Nodes;

namespace OrleansScheduler.FaultTests.Support;

/// <summary>
/// One silo's row of the Orleans membership table as Orleans' Redis clustering stores it (a field
/// <c>S{ip}:{port}:{generation}</c> of the hash <c>{serviceId}/members/{clusterId}</c>, valued a JSON membership entry).
/// </summary>
/// <param name="Silo">The silo address as the scheduler names silos: <c>127.0.0.1:{port}@{generation}</c>.</param>
/// <param name="Status">The status by its Orleans name (<c>SiloStatus</c>): <c>Joining</c>, <c>Active</c>, <c>ShuttingDown</c>, <c>Stopping</c>, <c>Dead</c>, …</param>
/// <param name="SuspectTimes">How many suspicion votes the row carries.</param>
public sealed record MembershipRow(string Silo, string Status, int SuspectTimes)
{
    // The fields of Orleans' JSON membership entry.
    private const string AddressField = "SiloAddress";
    private const string StatusField = "Status";
    private const string SuspectTimesField = "SuspectTimes";

    // Orleans.Runtime.SiloStatus, by value.
    private static readonly string[] StatusNames = ["None", "Created", "Joining", "Active", "ShuttingDown", "Stopping", "Dead"];

    /// <summary>Whether the cluster has declared this silo dead.</summary>
    public bool IsDead => Status == "Dead";

    /// <summary>Reads one row's JSON value; an unreadable one fails the test with the value in the message.</summary>
    public static MembershipRow From(string json)
    {
        try
        {
            var entry = JsonNode.Parse(json) as JsonObject ?? throw new Xunit.Sdk.XunitException($"membership entry is not an object: {json}");
            var silo = (string?)entry[AddressField]?[AddressField] ?? throw new Xunit.Sdk.XunitException($"membership entry has no silo address: {json}");
            var status = entry[StatusField] is JsonValue value && value.TryGetValue(out int number) && number >= 0 && number < StatusNames.Length
                ? StatusNames[number]
                : entry[StatusField]?.ToString() ?? "(none)";
            return new MembershipRow(silo, status, (entry[SuspectTimesField] as JsonArray)?.Count ?? 0);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"membership entry is not JSON ({ex.Message}): {json}");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Silo} {Status}{(SuspectTimes == 0 ? "" : $" ({SuspectTimes} suspicion vote(s))")}";
}
