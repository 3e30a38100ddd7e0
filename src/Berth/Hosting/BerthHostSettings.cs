namespace Berth.Hosting;

/// <summary>How a host is built: from the command line, or by a test with explicit settings.</summary>
public sealed class BerthHostSettings
{
    /// <summary>Extra configuration arguments (--Section:Key=value).</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    public string? ConfigFile { get; init; }

    /// <summary>Settings that win over every other source.</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    /// <summary>Lets tests replace services after the defaults are registered.</summary>
    public Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? Configure { get; init; }
}
