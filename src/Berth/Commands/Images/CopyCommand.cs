using System.CommandLine;
using Berth.Client.Transports;

namespace Berth.Commands.Images;

/// <summary>berth copy SRC DST, and its shorthands berth push DIR|ARCHIVE REF and berth pull REF DIR.</summary>
internal static class CopyCommand
{
    public static Command Create()
    {
        var options = new CopyCommandOptions();
        var source = new Argument<string>("source") { Description = "docker://HOST/NAME[:TAG|@DIGEST], oci:DIR[:TAG] or docker-archive:FILE.tar[:NAME:TAG]." };
        var destination = new Argument<string>("destination") { Description = "docker://HOST/NAME[:TAG|@DIGEST], oci:DIR[:TAG] or docker-archive:FILE.tar[:NAME:TAG]." };
        var command = new Command("copy", "Copy an image between registries, OCI layouts and docker-archives (exit codes: 1 transfer, 2 usage, 3 not found, 4 unauthorized, 5 digest mismatch, 6 unsupported).")
        {
            source, destination,
        };
        AddOptions(command, options);
        command.SetAction((result, cancellationToken) =>
            CopyRunner.RunAsync(result.GetValue(source)!, result.GetValue(destination)!, options, result, cancellationToken));
        return command;
    }

    public static Command Push()
    {
        var options = new CopyCommandOptions();
        var source = new Argument<string>("source") { Description = "An OCI layout directory (DIR or DIR:TAG) or a docker-archive FILE.tar." };
        var reference = new Argument<string>("reference") { Description = "HOST/NAME[:TAG]." };
        var command = new Command("push", "Push an OCI layout or docker-archive to a registry (berth copy oci:|docker-archive: docker://).") { source, reference };
        AddOptions(command, options);
        command.SetAction((result, cancellationToken) =>
        {
            var path = result.GetValue(source)!;
            var from = path.EndsWith(".tar", StringComparison.Ordinal) || (File.Exists(path) && !Directory.Exists(path)) ? "docker-archive:" + path : "oci:" + path;
            return CopyRunner.RunAsync(from, "docker://" + result.GetValue(reference), options, result, cancellationToken);
        });
        return command;
    }

    public static Command Pull()
    {
        var options = new CopyCommandOptions();
        var reference = new Argument<string>("reference") { Description = "HOST/NAME[:TAG|@DIGEST]." };
        var target = new Argument<string>("target") { Description = "OCI layout to write (DIR or DIR:TAG; the tag defaults to the reference's), or a docker-archive FILE.tar[:NAME:TAG] (named HOST/NAME:TAG by default)." };
        var command = new Command("pull", "Pull an image into an OCI layout or a docker-archive (berth copy docker:// oci:|docker-archive:).") { reference, target };
        AddOptions(command, options);
        command.SetAction((result, cancellationToken) =>
        {
            var text = result.GetValue(reference)!;
            return CopyRunner.RunAsync("docker://" + text, PullTarget(text, result.GetValue(target)!), options, result, cancellationToken);
        });
        return command;
    }

    /// <summary>oci:DIR:TAG or docker-archive:FILE.tar:HOST/NAME:TAG, the name taken from the reference unless given.</summary>
    private static string PullTarget(string reference, string target)
    {
        var archive = target.Split(':')[0].EndsWith(".tar", StringComparison.Ordinal);
        var transport = archive ? "docker-archive:" : "oci:";
        if (target.Contains(':', StringComparison.Ordinal))
        {
            return transport + target;
        }

        RegistryLocation parsed;
        try
        {
            parsed = RegistryLocation.ParseReference(reference);
        }
        catch (FormatException)
        {
            // CopyRunner parses the reference again and reports it with the usage exit code.
            return transport + target;
        }

        var tag = parsed.Tag ?? (parsed.Digest is null ? "latest" : null);
        return tag is null ? transport + target
            : archive ? $"{transport}{target}:{parsed.Host}/{parsed.Repository}:{tag}"
            : $"{transport}{target}:{tag}";
    }

    private static void AddOptions(Command command, CopyCommandOptions options)
    {
        foreach (var option in options.AllOptions)
        {
            command.Options.Add(option);
        }
    }
}
