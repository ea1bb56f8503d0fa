using Microsoft.AspNetCore.Mvc;
using Quire.Core.Security;
using Quire.Storage.Users;

namespace Quire.Server.Web.Pages.Account;

/// <summary>
/// <c>/wiki/account/tokens</c>: every signed-in user's own API tokens, created and revoked through
/// <see cref="ApiTokenService"/> as <c>/wiki/rest/quire/1/api-token</c> and <c>quire token</c> do. A new token's
/// secret is shown once, on the answer to its creation, and never stored in the clear.
/// </summary>
public sealed class TokensModel(ApiTokenService tokens) : Editing.FormPageModel
{
    public IReadOnlyList<ApiTokenRecord> Tokens { get; private set; } = [];
    public IssuedApiToken? Issued { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Tokens = await tokens.ListAsync(Caller.UserId, ct);

    public Task<IActionResult> OnPostCreateAsync(string? label, CancellationToken ct) =>
        ChangeAsync(async () =>
        {
            Issued = await tokens.CreateAsync(Caller.UserId, label, ct);
            // The secret is in this answer only: no browser or proxy may keep a copy.
            Response.Headers.CacheControl = "no-store";
            return "";
        }, async () => Tokens = await tokens.ListAsync(Caller.UserId, ct));

    public Task<IActionResult> OnPostRevokeAsync(string? tokenId, CancellationToken ct) =>
        ChangeAsync(async () =>
        {
            await tokens.RevokeAsync(Caller.UserId, tokenId ?? "", ct);
            return "The token was revoked: it signs nobody in any more.";
        }, async () => Tokens = await tokens.ListAsync(Caller.UserId, ct));
}
