using System.CommandLine;
using Berth.Index.Data;
using Berth.Index.Organizations;

namespace Berth.Commands.Admin;

/// <summary>berth org create|list|delete|member|team|robot, and berth repo visibility.</summary>
internal static class OrgCommand
{
    public static Command Create()
    {
        var command = new Command("org", "Manage organisations: members, teams, grants and robot accounts.") { AdminContext.DataDir, AdminContext.Config };
        var name = new Argument<string>("name");
        var owner = new Option<string?>("--owner") { Description = "A user who administers the organisation." };
        command.Subcommands.Add(Leaf("create", "Create an organisation.", [name, owner], (r, s, c) => s.CreateAsync(r.GetValue(name)!, r.GetValue(owner), AdminContext.Actor, c)));
        command.Subcommands.Add(List());
        command.Subcommands.Add(Leaf("delete", "Delete an organisation, its teams, grants and robots.", [name], (r, s, c) => s.DeleteAsync(r.GetValue(name)!, AdminContext.Actor, c)));
        command.Subcommands.Add(Member());
        command.Subcommands.Add(Team());
        command.Subcommands.Add(Robot());
        return command;
    }

    public static Command Repository()
    {
        var command = new Command("repo", "Manage repositories: visibility in the index, deletion from storage.") { AdminContext.DataDir, AdminContext.Config };
        var name = new Argument<string>("repository");
        var visibility = new Argument<RepositoryVisibility>("visibility") { Description = "Public (anonymous pull) or Private." };
        command.Subcommands.Add(Storage.RepositoryDeleteCommand.Create());
        command.Subcommands.Add(Leaf("visibility", "Make a repository public or private.", [name, visibility], (r, s, c) => s.SetVisibilityAsync(r.GetValue(name)!, r.GetValue(visibility), AdminContext.Actor, c)));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List organisations.");
        AdminContext.SetAction(command, async (_, services, cancellationToken) =>
        {
            foreach (var org in await services.GetRequiredService<OrganizationService>().ListAsync(cancellationToken))
            {
                await Console.Out.WriteLineAsync(org);
            }
        });
        return command;
    }

    private static Command Member()
    {
        var org = new Argument<string>("organisation");
        var user = new Argument<string>("user");
        var isOwner = new Option<bool>("--owner") { Description = "Make the member an owner." };
        return new Command("member", "Add or remove members.")
        {
            Leaf("add", "Add a member, or change their role.", [org, user, isOwner], (r, s, c) => s.SetMemberAsync(r.GetValue(org)!, r.GetValue(user)!, r.GetValue(isOwner) ? MemberRole.Owner : MemberRole.Member, AdminContext.Actor, c)),
            Leaf("remove", "Remove a member from the organisation and its teams.", [org, user], (r, s, c) => s.RemoveMemberAsync(r.GetValue(org)!, r.GetValue(user)!, AdminContext.Actor, c)),
        };
    }

    private static Command Team()
    {
        var org = new Argument<string>("organisation");
        var team = new Argument<string>("team");
        var user = new Argument<string>("user");
        var repository = new Argument<string>("repository") { Description = "A repository of the organisation, or '*' for all." };
        var permission = new Argument<RepositoryPermission>("permission") { Description = "Read, Write or Admin." };
        return new Command("team", "Manage teams and their grants.")
        {
            Leaf("create", "Create a team.", [org, team], (r, s, c) => s.CreateTeamAsync(r.GetValue(org)!, r.GetValue(team)!, AdminContext.Actor, c)),
            Leaf("add", "Add a user to a team (and to the organisation).", [org, team, user], (r, s, c) => s.AddTeamMemberAsync(r.GetValue(org)!, r.GetValue(team)!, r.GetValue(user)!, AdminContext.Actor, c)),
            Leaf("grant", "Give a team a permission on a repository.", [org, team, repository, permission], (r, s, c) => s.GrantTeamAsync(r.GetValue(org)!, r.GetValue(team)!, r.GetValue(repository)!, r.GetValue(permission), AdminContext.Actor, c)),
        };
    }

    private static Command Robot()
    {
        var ns = new Argument<string>("namespace");
        var name = new Argument<string>("name");
        var repository = new Option<string>("--repository") { Description = "A repository of the namespace, or '*' (default).", DefaultValueFactory = _ => "*" };
        var permission = new Option<RepositoryPermission>("--permission") { Description = "Read (default), Write or Admin.", DefaultValueFactory = _ => RepositoryPermission.Read };
        var add = new Command("add", "Create a robot account for CI; its secret is printed once.") { ns, name, repository, permission };
        AdminContext.SetAction(add, async (r, services, c) =>
        {
            var (robot, secret) = await services.GetRequiredService<OrganizationService>().CreateRobotAsync(r.GetValue(ns)!, r.GetValue(name)!, r.GetValue(repository)!, r.GetValue(permission), AdminContext.Actor, c);
            await Console.Out.WriteLineAsync($"username: {robot}");
            await Console.Out.WriteLineAsync($"password: {secret}");
        });
        return new Command("robot", "Manage robot accounts.") { add };
    }

    private static Command Leaf(string name, string description, Symbol[] symbols, Func<ParseResult, OrganizationService, CancellationToken, Task> action)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Option option:
                    command.Options.Add(option);
                    break;
            }
        }

        AdminContext.SetAction(command, async (r, services, c) =>
        {
            await action(r, services.GetRequiredService<OrganizationService>(), c);
            await Console.Out.WriteLineAsync("Done.");
        });
        return command;
    }
}
