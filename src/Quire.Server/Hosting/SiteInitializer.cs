using Microsoft.Extensions.Options;
using Quire.Core;
using Quire.Core.Groups;
using Quire.Core.Security;
using Quire.Core.Users;
using Quire.Storage;
using Quire.Storage.Users;

namespace Quire.Server.Hosting;

/// <summary>
/// Brings a database up to date and makes sure the site has an administrator. Safe to run
/// on every start: it changes nothing that is already there.
/// </summary>
public sealed class SiteInitializer(
    Database database, DbSession db, UserStore users, UserService userService, ApiTokenService tokens,
    IOptions<QuireOptions> options, TimeProvider time, ILogger<SiteInitializer> logger)
{
    public const string BootstrapTokenLabel = "bootstrap";

    /// <summary>What start-up did about the administrator; the token is set only when one was generated.</summary>
    public sealed record BootstrapResult(string? CreatedAdminEmail, string? GeneratedToken);

    public async Task<BootstrapResult> InitializeAsync(CancellationToken ct)
    {
        var applied = await Migrator.ApplyAsync(database, time.NowMillis(), ct);
        foreach (var name in applied) logger.LogInformation("Applied migration {Migration}", name);
        return await BootstrapAdminAsync(ct);
    }

    private async Task<BootstrapResult> BootstrapAdminAsync(CancellationToken ct)
    {
        var bootstrap = options.Value.Bootstrap;
        var email = string.IsNullOrWhiteSpace(bootstrap.AdminEmail) ? null : bootstrap.AdminEmail.Trim();
        var token = string.IsNullOrWhiteSpace(bootstrap.AdminApiToken) ? null : bootstrap.AdminApiToken.Trim();

        return await db.InTransactionAsync(async () =>
        {
            if (email is not null)
            {
                // The configured admin is created once; a restart with the same settings finds it.
                if (await users.FindByEmailAsync(email, ct) is not null) return new BootstrapResult(null, null);
                var admin = await userService.CreateAsync(
                    new NewUser(await userService.FreeUserNameAsync(UserNameFrom(email), ct), email, "Administrator", null), siteAdmin: true, ct: ct);
                string? generated = null;
                if (token is not null)
                    await tokens.ImportAsync(admin.Id, BootstrapTokenLabel, token, ct);
                else
                    generated = (await tokens.CreateAsync(admin.Id, BootstrapTokenLabel, ct)).Token;
                return new BootstrapResult(email, generated);
            }

            if (await users.CountAsync(ct) > 0) return new BootstrapResult(null, null);
            var defaultAdmin = await userService.CreateAsync(
                new NewUser("admin", "admin@quire.local", "Administrator", null), siteAdmin: true, ct: ct);
            var issued = token is not null
                ? await tokens.ImportAsync(defaultAdmin.Id, BootstrapTokenLabel, token, ct)
                : await tokens.CreateAsync(defaultAdmin.Id, BootstrapTokenLabel, ct);
            return new BootstrapResult(defaultAdmin.Email, token is null ? issued.Token : null);
        }, ct);
    }

    private static string UserNameFrom(string email)
    {
        var local = email.Split('@')[0];
        var cleaned = new string(local.Where(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-').ToArray());
        return cleaned.Length == 0 ? "admin" : cleaned;
    }
}
