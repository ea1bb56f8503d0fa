using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Storage.Users;

namespace Quire.Core.Users;

/// <summary>What a check or an invitation found: addresses with no user yet, and addresses that are not valid.</summary>
public sealed record EmailAccess(IReadOnlyList<string> WithoutAccess, IReadOnlyList<string> Invalid);

/// <summary>
/// v2's access by e-mail. A check answers from Quire's users: an address has access when a
/// user has it (every user is in confluence-users, which holds 'Can use'). An invitation has no
/// mail to send in Quire, so it does what the site's admin would do on accepting it: it creates
/// the users at once (user name from the address, no password: the admin gives them one or an
/// API token), which is why only site admins may invite (403 for others).
/// </summary>
public sealed class UserAccessService(UserStore users, UserService accounts, Storage.DbSession db)
{
    public const int MaxEmails = 100;

    public async Task<EmailAccess> CheckAsync(IReadOnlyList<string?>? emails, CancellationToken ct = default)
    {
        var (valid, invalid) = Split(emails);
        var known = (await users.FindManyByEmailsAsync(valid, ct)).Select(u => u.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new EmailAccess(valid.Where(e => !known.Contains(e)).ToList(), invalid);
    }

    /// <summary>Creates a user for every valid address without one; addresses that have access and invalid ones are left alone.</summary>
    public async Task<EmailAccess> InviteAsync(Caller caller, IReadOnlyList<string?>? emails, CancellationToken ct = default)
    {
        if (!caller.IsSiteAdmin) throw new ForbiddenException("Only site admins may invite users: Quire creates them at once.");
        // The check and every creation in one transaction: all the invitations happen, or none does.
        return await db.InTransactionAsync(async () =>
        {
            var access = await CheckAsync(emails, ct);
            foreach (var email in access.WithoutAccess)
            {
                var local = email[..email.IndexOf('@')];
                var name = new string(local.Where(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '+').ToArray());
                var userName = await accounts.FreeUserNameAsync(name.Length == 0 ? "user" : name, ct);
                await accounts.CreateAsync(new NewUser(userName, email, local, Password: null), actor: caller, ct: ct);
            }
            return access;
        }, ct);
    }

    /// <summary>The addresses, distinct (case-insensitively, first spelling kept), split into valid and invalid; 400 for none or too many.</summary>
    private static (List<string> Valid, List<string> Invalid) Split(IReadOnlyList<string?>? emails)
    {
        if (emails is null || emails.Count == 0) throw new BadRequestException("emails must list at least one address.");
        if (emails.Count > MaxEmails) throw new BadRequestException($"emails may list at most {MaxEmails} addresses.");
        var valid = new List<string>();
        var invalid = new List<string>();
        foreach (var email in emails.Select(e => e ?? "").Distinct(StringComparer.OrdinalIgnoreCase))
        {
            try
            {
                valid.Add(UserInputRules.Email(email));
            }
            catch (BadRequestException)
            {
                invalid.Add(email);
            }
        }
        return (valid, invalid);
    }
}
