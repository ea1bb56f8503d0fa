using Quire.Core.AdminKeys;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Server.ApiV2.Common;
using Quire.Server.Authentication;
using Quire.Storage.AdminKeys;

namespace Quire.Server.ApiV2.AdminKey;

/// <summary>
/// <c>/wiki/api/v2/admin-key</c>, which current clients call and the 2025 spec lacks (shapes from
/// confluence.js 3.2's <c>getAdminKey</c>/<c>enableAdminKey</c>/<c>disableAdminKey</c>): a site
/// admin reads, enables (for <c>durationInMinutes</c>, 10 by default) and disables its admin key.
/// Everyone else gets 403. See <see cref="AdminKeyService"/> for what a key is.
/// </summary>
public static class AdminKeyApi
{
    public sealed record EnableAdminKeyRequest(int? DurationInMinutes);

    /// <summary>confluence.js's <c>AdminKey</c>: whose key and until when.</summary>
    public sealed record AdminKeyJson(string AccountId, string ExpirationTime);

    public static RouteGroupBuilder MapAdminKeyApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/admin-key", GetAdminKey).RequireSignIn();
        v2.MapPost("/admin-key", EnableAdminKey).RequireSignIn();
        v2.MapDelete("/admin-key", DisableAdminKey).RequireSignIn();
        return v2;
    }

    private static async Task<AdminKeyJson> GetAdminKey(Caller caller, AdminKeyService keys, CancellationToken ct) =>
        Json(caller, await keys.GetAsync(caller, ct));

    /// <summary>The body is optional (confluence.js sends none by default): no body, or 0 minutes, is the default duration.</summary>
    private static async Task<AdminKeyJson> EnableAdminKey(HttpRequest request, Caller caller, AdminKeyService keys, CancellationToken ct)
    {
        EnableAdminKeyRequest? body = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                body = await request.ReadFromJsonAsync<EnableAdminKeyRequest>(Http.QuireJson.Options, ct);
            }
            catch (System.Text.Json.JsonException)
            {
                throw new BadRequestException("The body must be an object, optionally with durationInMinutes (a whole number).");
            }
        }
        return Json(caller, await keys.EnableAsync(caller, body?.DurationInMinutes, ct));
    }

    private static async Task<IResult> DisableAdminKey(Caller caller, AdminKeyService keys, CancellationToken ct)
    {
        await keys.DisableAsync(caller, ct);
        return TypedResults.NoContent();
    }

    private static AdminKeyJson Json(Caller caller, AdminKeyRecord key) => new(caller.User.AccountId, V2Dates.Of(key.ExpiresAt));
}
