using System.Globalization;
using Berth.Registry.Content;
using Berth.Registry.Names;
using Microsoft.Extensions.Logging;

namespace Berth.Registry.Quotas;

/// <summary>
/// The check a push makes before it links content into a repository: content new to the namespace must fit under the
/// namespace's quota; content the namespace holds already costs nothing. Without a quota it reads nothing but the
/// (cached) limit.
/// </summary>
public sealed class QuotaEnforcer(QuotaStore quotas, StorageUsage usage, ILogger<QuotaEnforcer> logger)
{
    /// <summary>Throws DENIED, with used, limit and needed bytes, when <paramref name="digest"/> does not fit.</summary>
    public async Task AdmitAsync(RepositoryName name, Digest digest, long size, CancellationToken cancellationToken)
    {
        var @namespace = name.Namespace;
        var limit = await quotas.GetLimitAsync(@namespace, cancellationToken);
        if (limit <= 0 || await usage.TryAdmitAsync(@namespace, digest, size, limit, cancellationToken) is not { } used)
        {
            return;
        }

        Log.Refused(logger, digest, size, name.Value, @namespace, used, limit);
        throw new RegistryException(
            RegistryErrorCode.Denied,
            string.Create(
                CultureInfo.InvariantCulture,
                $"Storage quota of namespace '{@namespace}' exceeded: {Bytes(used)} used of {Bytes(limit)}, this push needs {Bytes(size)} more ({digest}). Delete images (garbage collection then frees their space) or ask an administrator to raise the quota."),
            new { @namespace, used, limit, needed = size, digest = digest.ToString() });
    }

    /// <summary>Bytes as people read them, with the exact count alongside: "1.5 MiB (1572864 bytes)".</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["KiB", "MiB", "GiB", "TiB", "PiB"];
        if (bytes < 1024)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
        }

        double value = bytes;
        var unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{value:0.##} {units[unit]} ({bytes} bytes)");
    }
}
