using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Storage.OAuth;

namespace Quire.Core.OAuth;

/// <summary>
/// A user's own grants to OAuth apps (Atlassian's "Connected apps" in the account settings): which apps hold
/// which scopes for them, and revoking one, which ends every token the app holds for the user at once.
/// </summary>
public sealed class OAuthGrantService(OAuthAppStore apps, OAuthGrantStore grants)
{
    public Task<IReadOnlyList<OAuthGrantRecord>> ListAsync(Caller caller, CancellationToken ct = default) =>
        grants.ListGrantsAsync(caller.UserId, ct);

    public async Task RevokeAsync(Caller caller, string clientId, CancellationToken ct = default)
    {
        var app = await apps.FindAsync(clientId, ct);
        if (app is null || !await grants.DeleteGrantAsync(app.Id, caller.UserId, ct))
            throw new NotFoundException("You have not authorized an app with this client id.");
    }
}
