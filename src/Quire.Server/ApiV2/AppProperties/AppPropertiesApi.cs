using System.Text.Json;
using Quire.Core.AppProperties;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Server.ApiV2.Common;
using Quire.Storage.AppProperties;

namespace Quire.Server.ApiV2.AppProperties;

/// <summary>
/// confluence.js's <c>appProperties</c> calls (Forge app properties, newer than the 2025 spec): site-wide JSON values by
/// key. Quire has no apps yet: site admins use them (<see cref="AppPropertyService"/>). The body of a PUT is the value.
/// </summary>
public static class AppPropertiesApi
{
    public static RouteGroupBuilder MapAppPropertiesApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/app/properties", GetForgeAppProperties);
        v2.MapGet("/app/properties/{propertyKey}", GetForgeAppProperty);
        v2.MapPut("/app/properties/{propertyKey}", PutForgeAppProperty);
        v2.MapDelete("/app/properties/{propertyKey}", DeleteForgeAppProperty);
        return v2;
    }

    /// <summary>By key: the cursor carries the last key given.</summary>
    private static async Task<MultiEntityResult<AppPropertyJson>> GetForgeAppProperties(
        string? cursor, int? limit, Caller caller, AppPropertyService properties, V2Links links, CancellationToken ct)
    {
        var page = new KeysetRequest(V2Cursor.Decode(cursor, "key"), V2Limit.Standard.Parse(limit));
        var found = await properties.ListAsync(caller, page, ct);
        return links.Page(found.Results.Select(AppPropertyJson.Of).ToList(), "key", found.Next);
    }

    private static async Task<AppPropertyJson> GetForgeAppProperty(string propertyKey, Caller caller, AppPropertyService properties, CancellationToken ct) =>
        AppPropertyJson.Of(await properties.GetAsync(caller, propertyKey, ct));

    /// <summary>201 when the key was new, 200 when its value was replaced; the answer is the property as stored.</summary>
    private static async Task<IResult> PutForgeAppProperty(
        string propertyKey, JsonElement? body, Caller caller, AppPropertyService properties, CancellationToken ct)
    {
        var created = await properties.PutAsync(caller, propertyKey, body, ct);
        var json = AppPropertyJson.Of(await properties.GetAsync(caller, propertyKey, ct));
        return created ? Results.Json(json, Http.QuireJson.Options, statusCode: StatusCodes.Status201Created) : Results.Json(json, Http.QuireJson.Options);
    }

    private static async Task<IResult> DeleteForgeAppProperty(string propertyKey, Caller caller, AppPropertyService properties, CancellationToken ct)
    {
        await properties.DeleteAsync(caller, propertyKey, ct);
        return Results.NoContent();
    }
}

/// <summary>confluence.js's <c>ForgeAppProperty</c>: the key and the value, as JSON as it was stored.</summary>
public sealed record AppPropertyJson(string Key, JsonElement Value)
{
    public static AppPropertyJson Of(AppPropertyRecord property)
    {
        using var document = JsonDocument.Parse(property.Value);
        return new AppPropertyJson(property.Key, document.RootElement.Clone());
    }
}
