using Berth.Storage.Azure.Configuration;
using Berth.Storage.Configuration;
using Berth.Storage.Gcs.Configuration;
using Berth.Storage.Glance.Configuration;
using Berth.Storage.S3;
using Berth.Storage.Swift.Configuration;

namespace Berth.Hosting;

/// <summary>
/// The one configuration bootstrap of <c>serve</c> and of every CLI command, so they cannot disagree. Sources, last wins:
/// the JSON file of --config, BERTH_ environment variables, Section:Key=value command-line tokens, then the settings the
/// command's own options set (--data-dir, --storage...).
/// </summary>
internal static class BerthConfiguration
{
    public static BerthOptions Apply(IHostApplicationBuilder builder, BerthHostSettings settings)
    {
        if (settings.ConfigFile is not null)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(settings.ConfigFile), optional: false, reloadOnChange: false);
        }

        builder.Configuration.AddEnvironmentVariables("BERTH_");
        builder.Configuration.AddCommandLine([.. settings.Args]);
        builder.Configuration.AddInMemoryCollection(settings.Overrides);
        builder.Services.AddOptions<BerthOptions>().Bind(builder.Configuration.GetSection(BerthOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddResilienceEventsAtDebug();
        return builder.Configuration.GetSection(BerthOptions.SectionName).Get<BerthOptions>() ?? new BerthOptions();
    }

    /// <summary>The storage contract with every driver Storage:Driver may name; the filesystem one under the data directory.</summary>
    public static IServiceCollection AddBerthStorage(this IServiceCollection services, IConfiguration configuration, BerthOptions berth)
    {
        services.AddStorage(configuration, berth.DataDirectory);
        services.AddSwiftStorage(configuration);
        services.AddAzureStorage(configuration);
        services.AddGlanceStorage(configuration);
        services.AddGcsStorage();
        services.AddS3Storage();
        return services;
    }
}
