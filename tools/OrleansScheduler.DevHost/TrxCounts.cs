using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace OrleansScheduler.DevHost;

/// <summary>What one TRX file (the VSTest <c>trx</c> logger's output, one per test project) says about its run.</summary>
/// <param name="Assembly">The file name of the test assembly (the first <c>UnitTest/@storage</c>); null when no test was found.</param>
/// <param name="Total">Counters/@total.</param>
/// <param name="Executed">Counters/@executed.</param>
/// <param name="Passed">Counters/@passed.</param>
/// <param name="Failed">Counters failed + error + timeout + aborted.</param>
/// <param name="Skipped">The larger of Counters/@notExecuted and the number of results with outcome NotExecuted.</param>
/// <param name="Outcome">ResultSummary/@outcome (Completed, Passed, Failed, Aborted …); null when absent.</param>
internal sealed record TrxCounts(string? Assembly, int Total, int Executed, int Passed, int Failed, int Skipped, string? Outcome)
{
    /// <summary>Reads a TRX file; null when it has no <c>Counters</c> element (or is not XML at all).</summary>
    public static TrxCounts? Read(string path)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(path);
        }
        catch (XmlException)
        {
            return null;
        }

        // Matched by local name: the elements live in the TeamTest 2010 namespace, and nothing else here is ambiguous.
        var elements = document.Descendants().ToList();
        var counters = elements.LastOrDefault(e => e.Name.LocalName == "Counters");
        if (counters is null)
        {
            return null;
        }

        // The logger leaves notExecuted at 0 for skipped xunit tests and records them as results with
        // outcome="NotExecuted", so count those results and take the larger of the two.
        var notExecutedResults = elements.Count(e => e.Name.LocalName == "UnitTestResult" && (string?)e.Attribute("outcome") == "NotExecuted");
        var storage = (string?)elements.FirstOrDefault(e => e.Name.LocalName == "UnitTest")?.Attribute("storage");
        var outcome = (string?)elements.FirstOrDefault(e => e.Name.LocalName == "ResultSummary")?.Attribute("outcome");
        return new TrxCounts(
            Assembly: string.IsNullOrEmpty(storage) ? null : storage[(storage.LastIndexOf('/') + 1)..],
            Total: Count(counters, "total"),
            Executed: Count(counters, "executed"),
            Passed: Count(counters, "passed"),
            Failed: Count(counters, "failed") + Count(counters, "error") + Count(counters, "timeout") + Count(counters, "aborted"),
            Skipped: Math.Max(Count(counters, "notExecuted"), notExecutedResults),
            Outcome: string.IsNullOrEmpty(outcome) ? null : outcome);
    }

    // A counter's value; 0 when absent or not a whole number, as the sed expression it replaces read it.
    private static int Count(XElement counters, string name) =>
        int.TryParse((string?)counters.Attribute(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
