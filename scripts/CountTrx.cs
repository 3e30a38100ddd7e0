// Sums the counters of every TRX file under a folder and prints the last line of a test run: "N passed, N failed"
// (skipped tests, which the project does not allow, are reported on the line before and counted as failed).
// Exits 1 when a test failed or none ran. Run as: dotnet run --file scripts/CountTrx.cs -- DIR [DOTNET_TEST_EXIT_CODE]
using System.Xml.Linq;

XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
int passed = 0, failed = 0, skipped = 0;
var files = Directory.Exists(args[0]) ? Directory.GetFiles(args[0], "*.trx", SearchOption.AllDirectories) : [];
foreach (var trx in files)
{
    var summary = XDocument.Load(trx).Root?.Element(ns + "ResultSummary");
    var counters = summary?.Element(ns + "Counters");
    if (counters is null)
    {
        failed++;
        Console.Error.WriteLine($"{trx}: no result summary; counted as one failure.");
        continue;
    }

    int Count(string name) => int.TryParse(counters.Attribute(name)?.Value, out var n) ? n : 0;
    passed += Count("passed");
    var runFailed = Count("failed") + Count("error") + Count("timeout") + Count("aborted");
    var outcome = summary?.Attribute("outcome")?.Value;
    if (runFailed == 0 && outcome is "Aborted" or "Error")
    {
        // A test host that crashed or was killed for hanging leaves a summary without a failed test.
        runFailed = 1;
        Console.Error.WriteLine($"{trx}: test run outcome {outcome}; counted as one failure.");
    }

    failed += runFailed;
    skipped += Count("notExecuted") + Count("inconclusive");
}

if (skipped > 0)
{
    Console.Error.WriteLine($"{skipped} skipped (tests must not skip; counted as failed)");
    failed += skipped;
}

var exitCode = args.Length > 1 && int.TryParse(args[1], out var code) ? code : 0;
if (exitCode != 0 && failed == 0)
{
    Console.Error.WriteLine($"dotnet test exited with {exitCode} without a failed test in the TRX files; counted as one failure.");
    failed = 1;
}

Console.WriteLine($"{passed} passed, {failed} failed");
return failed > 0 || passed == 0 ? 1 : 0;
