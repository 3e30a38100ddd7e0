namespace Berth.Interop.Tests.Crash;

/// <summary>Tests that move gigabytes or kill servers run alone, after the parallel ones, so they neither slow nor disturb them.</summary>
[CollectionDefinition(nameof(SerialTests), DisableParallelization = true)]
public sealed class SerialTests;
