using System.CommandLine;

namespace Berth.Commands;

/// <summary>The berth command tree: one executable for the server and every admin tool.</summary>
internal static class BerthCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Berth: a container image registry.")
        {
            ServeCommand.Create(),
            BenchCommand.Create(),
            Images.CopyCommand.Create(),
            Images.CopyCommand.Push(),
            Images.CopyCommand.Pull(),
            Storage.GcCommand.Create(),
            Storage.RetentionCommand.Create(),
            Storage.PolicyCommand.Create(),
            Storage.FsckCommand.Create(),
            Admin.UserCommand.Create(),
            Admin.OrgCommand.Create(),
            Admin.OrgCommand.Repository(),
            Admin.TokenCommand.Create(),
            Admin.RegistryCommand.Create(),
            Admin.ReplicationCommand.Create(),
        };
        return root;
    }
}
