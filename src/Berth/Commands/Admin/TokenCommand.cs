using System.CommandLine;
using Berth.Index.Accounts;
using Berth.Index.Audit;
using Berth.Index.Tokens;

namespace Berth.Commands.Admin;

/// <summary>berth token create|list|revoke (personal access tokens) and rotate-key (the signing key).</summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var command = new Command("token", "Manage personal access tokens and the token signing key.") { AdminContext.DataDir, AdminContext.Config };
        command.Subcommands.Add(CreateToken());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Revoke());
        command.Subcommands.Add(RotateKey());
        return command;
    }

    private static Command CreateToken()
    {
        var user = new Argument<string>("user");
        var name = new Argument<string>("name") { Description = "A name to recognise the token by." };
        var actions = new Option<string>("--actions") { Description = "Comma-separated: pull, push, delete.", DefaultValueFactory = _ => "pull,push" };
        var expires = new Option<int?>("--expires-days") { Description = "Days until the token expires (default: never)." };
        var command = new Command("create", "Create a personal access token, usable as a password; it is shown once.") { user, name, actions, expires };
        AdminContext.SetAction(command, async (result, services, cancellationToken) =>
        {
            var time = services.GetRequiredService<TimeProvider>();
            var expiresAt = result.GetValue(expires) is { } days ? time.GetUtcNow().AddDays(days) : (DateTimeOffset?)null;
            var secret = await services.GetRequiredService<AccessTokenService>().CreateAsync(
                result.GetValue(user)!, result.GetValue(name)!, result.GetValue(actions)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), expiresAt, AdminContext.Actor, cancellationToken);
            await Console.Out.WriteLineAsync(secret);
        });
        return command;
    }

    private static Command List()
    {
        var user = new Argument<string>("user");
        var command = new Command("list", "List a user's tokens (never their secrets).") { user };
        AdminContext.SetAction(command, async (result, services, cancellationToken) =>
        {
            foreach (var token in await services.GetRequiredService<AccessTokenService>().ListAsync(result.GetValue(user)!, cancellationToken))
            {
                var state = token.RevokedAt is not null ? "revoked" : token.ExpiresAt is { } e ? $"expires {e:yyyy-MM-dd}" : "active";
                await Console.Out.WriteLineAsync($"{token.Name}\t{token.Actions}\t{state}\tlast used {token.LastUsedAt?.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "never"}");
            }
        });
        return command;
    }

    private static Command Revoke()
    {
        var user = new Argument<string>("user");
        var name = new Argument<string>("name");
        var command = new Command("revoke", "Revoke a personal access token.") { user, name };
        AdminContext.SetAction(command, async (result, services, cancellationToken) =>
        {
            await services.GetRequiredService<AccessTokenService>().RevokeAsync(result.GetValue(user)!, result.GetValue(name)!, AdminContext.Actor, cancellationToken);
            await Console.Out.WriteLineAsync("Revoked.");
        });
        return command;
    }

    private static Command RotateKey()
    {
        var command = new Command("rotate-key", "Create a new signing key; the old one verifies until its tokens expire.");
        AdminContext.SetAction(command, async (_, services, cancellationToken) =>
        {
            var key = await services.GetRequiredService<SigningKeyStore>().RotateAsync(cancellationToken);
            await services.GetRequiredService<AuditLog>().WriteAsync(AuditKinds.KeyRotate, AdminContext.Actor, key.KeyId, true, null, null, cancellationToken);
            await Console.Out.WriteLineAsync($"New signing key {key.KeyId}.");
        });
        return command;
    }
}
