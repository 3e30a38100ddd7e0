using Microsoft.Extensions.Options;

namespace Berth.Index.External.Ldap;

internal sealed class LdapOptionsValidator : IValidateOptions<LdapOptions>
{
    public ValidateOptionsResult Validate(string? name, LdapOptions options)
    {
        var errors = options.Errors().ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
