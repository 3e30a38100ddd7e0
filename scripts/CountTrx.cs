// Sums the counters of every TRX file under a folder and prints "N passed, N failed[, N skipped]".
// Exits 1 when a test failed or none ran. Run as: dotnet run scripts/CountTrx.cs -- DIR
using System.Xml.Linq;

XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
int passed = 0, failed = 0, skipped = 0;
foreach (var trx in Directory.EnumerateFiles(args[0], "*.trx", SearchOption.AllDirectories))
{
    var counters = XDocument.Load(trx).Root?.Element(ns + "ResultSummary")?.Element(ns + "Counters");
    if (counters is null)
    {
        continue;
    }

    int Count(string name) => int.TryParse(counters.Attribute(name)?.Value, out var n) ? n : 0;
    passed += Count("passed");
    failed += Count("failed") + Count("error") + Count("timeout") + Count("aborted");
    skipped += Count("notExecuted") + Count("inconclusive");
}

Console.WriteLine($"{passed} passed, {failed} failed" + (skipped > 0 ? $", {skipped} skipped" : string.Empty));
return failed > 0 || passed == 0 ? 1 : 0;
