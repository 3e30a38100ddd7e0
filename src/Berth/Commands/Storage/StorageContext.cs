using System.CommandLine;
using Berth.Hosting;
using Berth.Registry.GarbageCollection;
using Berth.Storage.Azure.Configuration;
using Berth.Storage.Configuration;
using Berth.Storage.Gcs.Configuration;
using Berth.Storage.Glance.Configuration;
using Berth.Storage.S3;
using Berth.Storage.Swift.Configuration;

namespace Berth.Commands.Storage;

/// <summary>
/// What the storage commands (gc, repo delete) share: the server's configuration (--config, BERTH_ variables,
/// --data-dir, and Section:Key=value tokens as for serve) and its storage driver and registry stores, without a web server.
/// </summary>
internal static class StorageContext
{
    public static void SetAction(
        Command command,
        Option<string?> dataDir,
        Option<string?> config,
        Func<ParseResult, IServiceProvider, CancellationToken, Task<int>> action,
        Option<string?>? storage = null)
    {
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellationToken) =>
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
            if (result.GetValue(config) is { } file)
            {
                builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
            }

            builder.Configuration.AddEnvironmentVariables("BERTH_");
            builder.Configuration.AddCommandLine([.. result.UnmatchedTokens]);
            if (result.GetValue(dataDir) is { } directory)
            {
                builder.Configuration[BerthOptions.SectionName + ":DataDirectory"] = directory;
            }

            if (storage is not null && result.GetValue(storage) is { } driver)
            {
                builder.Configuration["Storage:Driver"] = driver;
            }

            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            var berth = builder.Configuration.GetSection(BerthOptions.SectionName).Get<BerthOptions>() ?? new BerthOptions();
            builder.Services.AddStorage(builder.Configuration, berth.DataDirectory);
            builder.Services.AddSwiftStorage(builder.Configuration);
            builder.Services.AddAzureStorage(builder.Configuration);
            builder.Services.AddGlanceStorage(builder.Configuration);
            builder.Services.AddGcsStorage();
            builder.Services.AddS3Storage();
            builder.Services.AddGarbageCollection(builder.Configuration);
            using var host = builder.Build();
            return await action(result, host.Services, cancellationToken);
        });
}
}
