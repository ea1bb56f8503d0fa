using System.Text.Json;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Server.ApiV2.Common;
using Quire.Server.ApiV2.ContentProperties;
using Quire.Server.ApiV2.User;
using Quire.Storage.Properties;
using Quire.Storage.Users;

namespace Quire.Server.ApiV2.SpaceProperties;

/// <summary>
/// The v2 <c>Space Properties</c> group: <c>/spaces/{space-id}/properties</c>. The same
/// properties as v1's <c>/space/{key}/property</c>, named by space id and property id. Reading
/// needs 'View' on the space, writing 'Admin' (403).
/// </summary>
public static class SpacePropertiesApi
{
    public readonly record struct SpacePropertyCall(
        Caller Caller, SpacePropertyService Properties, UserStore Users, V2Links Links, CancellationToken Ct);

    public static RouteGroupBuilder MapSpacePropertiesApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/spaces/{spaceId}/properties", GetSpaceProperties);
        v2.MapPost("/spaces/{spaceId}/properties", CreateSpaceProperty);
        v2.MapGet("/spaces/{spaceId}/properties/{propertyId}", GetSpacePropertyById);
        v2.MapPut("/spaces/{spaceId}/properties/{propertyId}", UpdateSpacePropertyById);
        v2.MapDelete("/spaces/{spaceId}/properties/{propertyId}", DeleteSpacePropertyById);
        return v2;
    }

    /// <summary>Ordered by key, the order the cursor is made in.</summary>
    private static async Task<MultiEntityResult<SpacePropertyV2Json>> GetSpaceProperties(
        string spaceId, string? key, string? cursor, int? limit, [AsParameters] SpacePropertyCall call)
    {
        var page = new KeysetRequest(V2Cursor.Decode(cursor, "key"), V2Limit.Standard.Parse(limit));
        var found = await call.Properties.ListAfterAsync(call.Caller, SpaceId(spaceId), key, page, call.Ct);
        return call.Links.Page(await RenderAsync(found.Results, call), "key", found.Next);
    }

    private static async Task<IResult> CreateSpaceProperty(string spaceId, PropertyCreateRequest? body, [AsParameters] SpacePropertyCall call)
    {
        if (body is null) throw new BadRequestException("The request body must be a SpacePropertyCreateRequest object.");
        var created = await call.Properties.CreateByIdAsync(call.Caller, SpaceId(spaceId), body.Key, body.Value, call.Ct);
        return TypedResults.Json((await RenderAsync([created], call))[0], Http.QuireJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<SpacePropertyV2Json> GetSpacePropertyById(string spaceId, string propertyId, [AsParameters] SpacePropertyCall call) =>
        (await RenderAsync([await call.Properties.GetByIdAsync(call.Caller, SpaceId(spaceId), PropertyId(propertyId), call.Ct)], call))[0];

    private static async Task<SpacePropertyV2Json> UpdateSpacePropertyById(
        string spaceId, string propertyId, PropertyUpdateRequest? body, [AsParameters] SpacePropertyCall call)
    {
        if (body is null) throw new BadRequestException("The request body must be a SpacePropertyUpdateRequest object.");
        var change = new SpacePropertyChange(body.Key, body.Value, body.Version?.Number, MinorEdit: false, body.Version?.Message, SpaceKey: null);
        var updated = await call.Properties.UpdateByIdAsync(call.Caller, SpaceId(spaceId), PropertyId(propertyId), change, call.Ct);
        return (await RenderAsync([updated], call))[0];
    }

    private static async Task<IResult> DeleteSpacePropertyById(string spaceId, string propertyId, [AsParameters] SpacePropertyCall call)
    {
        await call.Properties.DeleteByIdAsync(call.Caller, SpaceId(spaceId), PropertyId(propertyId), call.Ct);
        return TypedResults.NoContent();
    }

    /// <summary>Properties as v2 answers them, the account ids of their version authors in one query.</summary>
    public static async Task<IReadOnlyList<SpacePropertyV2Json>> RenderAsync(IReadOnlyList<PropertyRecord> properties, SpacePropertyCall call)
    {
        var accounts = await AccountIdLookup.OfAsync(call.Users, properties.Select(p => p.VersionBy), call.Ct);
        return properties.Select(p => SpacePropertyV2Json.Of(p, accounts)).ToList();
    }

    private static long SpaceId(string spaceId) => V2Ids.Parse(spaceId, "space-id");

    private static string PropertyId(string propertyId) => V2Links.Id(V2Ids.Parse(propertyId, "property-id"));
}

/// <summary>
/// v2's <c>SpaceProperty</c>. Quire keeps a property's current version only, so the property's
/// own <c>createdAt</c>/<c>createdBy</c> (its first version's) are not known and left out; the
/// current version's are in <c>version</c>.
/// </summary>
public sealed class SpacePropertyV2Json
{
    public required string Id { get; init; }
    public required string Key { get; init; }
    public required JsonElement Value { get; init; }
    public required SpacePropertyVersionJson Version { get; init; }

    public static SpacePropertyV2Json Of(PropertyRecord p, IReadOnlyDictionary<long, string> accounts) => new()
    {
        Id = V2Links.Id(p.Id),
        Key = p.Key,
        Value = ContentPropertyV2Renderer.Parse(p.Value),
        Version = new SpacePropertyVersionJson(V2Dates.Of(p.VersionAt), accounts.Of(p.VersionBy), p.VersionMessage, p.Version),
    };
}

public sealed record SpacePropertyVersionJson(string CreatedAt, string? CreatedBy, string Message, int Number);
