using System.Text.Json.Serialization;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Server.ApiV2.Common;
using Quire.Server.ApiV2.Space;

namespace Quire.Server.ApiV2.DataPolicies;

/// <summary>
/// The v2 <c>Data Policies</c> group. Cloud's data security policies (Atlassian Guard) block some
/// apps from some content; Quire has no such policies and no apps to block, so it answers as a
/// Cloud site without policies does: nothing is blocked, site-wide or in any space. The spaces are
/// the real ones the caller may read, with the filters, sorts and cursor of v2's space listing.
/// The spec lets only apps call these; Quire lets any signed-in caller, as it has no apps.
/// </summary>
public static class DataPoliciesApi
{
    public static RouteGroupBuilder MapDataPoliciesApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/data-policies/metadata", GetDataPolicyMetadata);
        v2.MapGet("/data-policies/spaces", GetDataPolicySpaces);
        return v2;
    }

    private static DataPolicyJson GetDataPolicyMetadata() => DataPolicyJson.NothingBlocked;

    /// <summary>v2's space listing (ids, keys, sort, cursor, limit) with each space's data policy; descriptions plain, as no format is asked.</summary>
    private static async Task<MultiEntityResult<DataPolicySpaceJson>> GetDataPolicySpaces(
        string? sort, string? cursor, int? limit, HttpRequest request, Caller caller, SpaceService spaces, SpaceV2Renderer renderer,
        V2Links links, CancellationToken ct)
    {
        var (order, field, descending) = SpaceApi.ParseSort(sort);
        var page = new KeysetRequest(V2Cursor.Decode(cursor, order), V2Limit.Standard.Parse(limit));
        var query = new SpaceListQuery(
            V2Ids.ParseList(request.Query["ids"], "ids") ?? [], SpaceApi.Strings(request, "keys", 250), null, null, [], null, null);
        var found = await spaces.ListAfterAsync(caller, query, field, descending, page, ct);
        var rendered = await renderer.RenderAsync(found.Results, new SpaceShape("plain", Icon: true), single: false, ct);
        return links.Page(rendered.Select(DataPolicySpaceJson.Of).ToList(), order, found.Next);
    }
}

/// <summary>v2's <c>DataPolicyMetadata</c>, and a space's <c>dataPolicy</c>.</summary>
public sealed record DataPolicyJson(bool AnyContentBlocked)
{
    public static readonly DataPolicyJson NothingBlocked = new(false);
}

/// <summary>v2's <c>DataPolicySpace</c>: a space as the space listing shows it, with its data policy.</summary>
public sealed class DataPolicySpaceJson
{
    public required string Id { get; init; }
    public required string Key { get; init; }
    public required string Name { get; init; }
    public SpaceDescriptionV2Json? Description { get; init; }
    public required DataPolicyJson DataPolicy { get; init; }
    public SpaceIconJson? Icon { get; init; }

    [JsonPropertyName("_links")]
    public required SpaceLinksJson Links { get; init; }

    public static DataPolicySpaceJson Of(SpaceV2Json space) => new()
    {
        Id = space.Id, Key = space.Key, Name = space.Name, Description = space.Description, DataPolicy = DataPolicyJson.NothingBlocked,
        Icon = space.Icon, Links = space.Links,
    };
}
