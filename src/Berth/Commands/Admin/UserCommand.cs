using System.CommandLine;
using Berth.Index.Accounts;

namespace Berth.Commands.Admin;

/// <summary>berth user add|list|passwd|delete.</summary>
internal static class UserCommand
{
    public static Command Create()
    {
        var command = new Command("user", "Manage user accounts of the index.") { AdminContext.DataDir, AdminContext.Config };
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Passwd());
        command.Subcommands.Add(Delete());
        return command;
    }

    private static Command Add()
    {
        var name = new Argument<string>("name");
        var admin = new Option<bool>("--admin") { Description = "Make the user an administrator." };
        var password = new Option<string?>("--password") { Description = "The password (default: generated and printed once)." };
        var stdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input." };
        var command = new Command("add", "Create a user (and their namespace).") { name, admin, password, stdin };
        AdminContext.SetAction(command, async (result, services, cancellationToken) =>
        {
            var (secret, generated) = await AdminContext.PasswordAsync(result, password, stdin);
            await services.GetRequiredService<AccountService>().CreateUserAsync(result.GetValue(name)!, secret, result.GetValue(admin), AdminContext.Actor, cancellationToken);
            await Console.Out.WriteLineAsync(generated ? $"Created '{result.GetValue(name)}' with the password: {secret}" : $"Created '{result.GetValue(name)}'.");
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List users.");
        AdminContext.SetAction(command, async (_, services, cancellationToken) =>
        {
            foreach (var user in await services.GetRequiredService<AccountService>().ListUsersAsync(cancellationToken))
            {
                var kind = user.IsRobot ? "robot" : user.IsAdmin ? "admin" : "user";
                var source = (user.ExternalSource ?? "local") + (user.IsDisabled ? " (disabled)" : string.Empty);
                await Console.Out.WriteLineAsync($"{user.Name}\t{kind}\t{source}\t{user.CreatedAt:yyyy-MM-dd}");
            }
        });
        return command;
    }

    private static Command Passwd()
    {
        var name = new Argument<string>("name");
        var password = new Option<string?>("--password") { Description = "The new password (default: generated and printed once)." };
        var stdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input." };
        var command = new Command("passwd", "Set a user's password; their refresh tokens stop working.") { name, password, stdin };
        AdminContext.SetAction(command, async (result, services, cancellationToken) =>
        {
            var (secret, generated) = await AdminContext.PasswordAsync(result, password, stdin);
            await services.GetRequiredService<AccountService>().SetPasswordAsync(result.GetValue(name)!, secret, AdminContext.Actor, cancellationToken);
            await Console.Out.WriteLineAsync(generated ? $"New password for '{result.GetValue(name)}': {secret}" : "Password changed.");
        });
        return command;
    }

    private static Command Delete()
    {
        var name = new Argument<string>("name");
        var command = new Command("delete", "Delete a user, their namespace's permissions and their tokens.") { name };
        AdminContext.SetAction(command, async (result, services, cancellationToken) =>
        {
            await services.GetRequiredService<AccountService>().DeleteUserAsync(result.GetValue(name)!, AdminContext.Actor, cancellationToken);
            await Console.Out.WriteLineAsync($"Deleted '{result.GetValue(name)}'.");
        });
        return command;
    }
}
