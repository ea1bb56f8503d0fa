using Microsoft.AspNetCore.Mvc;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Storage.Users;

namespace Quire.Server.Web.Pages.Account;

/// <summary>
/// <c>/wiki/account/tokens</c>: every signed-in user's own API tokens, created and revoked through
/// <see cref="ApiTokenService"/> as <c>/wiki/rest/quire/1/api-token</c> and <c>quire token</c> do. A new token's
/// secret is shown once, on the answer to its creation, and never stored in the clear.
/// </summary>
public sealed class TokensModel(ApiTokenService tokens) : WebPageModel
{
    protected override bool NeedsSignedInUser => true;

    public IReadOnlyList<ApiTokenRecord> Tokens { get; private set; } = [];
    public IssuedApiToken? Issued { get; private set; }
    public string? Done { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Tokens = await tokens.ListAsync(Caller.UserId, ct);

    public async Task<IActionResult> OnPostCreateAsync(string? label, CancellationToken ct)
    {
        try
        {
            Issued = await tokens.CreateAsync(Caller.UserId, label, ct);
            // The secret is in this answer only: no browser or proxy may keep a copy.
            Response.Headers.CacheControl = "no-store";
        }
        catch (BadRequestException refusal)
        {
            (Error, Response.StatusCode) = (refusal.Message, refusal.StatusCode);
        }
        Tokens = await tokens.ListAsync(Caller.UserId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string? tokenId, CancellationToken ct)
    {
        try
        {
            await tokens.RevokeAsync(Caller.UserId, tokenId ?? "", ct);
            Done = "The token was revoked: it signs nobody in any more.";
        }
        catch (NotFoundException refusal)
        {
            (Error, Response.StatusCode) = (refusal.Message, refusal.StatusCode);
        }
        Tokens = await tokens.ListAsync(Caller.UserId, ct);
        return Page();
    }
}
