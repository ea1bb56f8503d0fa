using System.Text.Json;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Server.ApiV2.Common;
using Quire.Storage.Spaces;

namespace Quire.Server.ApiV2.Space;

/// <summary>
/// The v2 <c>Space</c> group: listing spaces with v2's filters and a keyset cursor, creating a
/// space, and reading one by id with its <c>include-*</c> members. The same spaces, rules and
/// visibility as v1's <c>/space</c>.
/// </summary>
public static class SpaceApi
{
    private static readonly Dictionary<string, SpaceOrder> Orders = new()
    {
        ["id"] = SpaceOrder.Id, ["key"] = SpaceOrder.Key, ["name"] = SpaceOrder.Name,
    };

    /// <summary>v2's <c>createSpace</c> body. Quire has no aliases apart from keys, and no templates.</summary>
    public sealed record CreateSpaceRequest(
        string? Name, string? Key, string? Alias, SpaceDescriptionRequest? Description, JsonElement? RoleAssignments,
        bool? CreatePrivateSpace, JsonElement? CopySpaceAccessConfiguration, string? TemplateKey);

    public sealed record SpaceDescriptionRequest(string? Value, string? Representation);

    public static RouteGroupBuilder MapSpaceApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/spaces", GetSpaces);
        v2.MapPost("/spaces", CreateSpace);
        v2.MapGet("/spaces/{id}", GetSpaceById);
        return v2;
    }

    private static async Task<MultiEntityResult<SpaceV2Json>> GetSpaces(
        string? type, string? status, string? sort, string? cursor, int? limit, HttpRequest request, Caller caller,
        SpaceService spaces, SpaceV2Renderer renderer, V2Links links, CancellationToken ct)
    {
        var (order, field, descending) = ParseSort(sort);
        var page = new KeysetRequest(V2Cursor.Decode(cursor, order), V2Limit.Standard.Parse(limit));
        var query = new SpaceListQuery(
            V2Ids.ParseList(request.Query["ids"], "ids") ?? [], Strings(request, "keys", 250), Blank(type), Blank(status),
            Strings(request, "labels", SpaceService.MaxFilterValues), Blank(request.Query["favorited-by"]), Blank(request.Query["not-favorited-by"]));
        var found = await spaces.ListAfterAsync(caller, query, field, descending, page, ct);
        var shape = SpaceShape.From(request);
        return links.Page(await renderer.RenderAsync(found.Results, shape, single: false, ct), order, found.Next);
    }

    /// <summary>v2's <c>SpaceSortOrder</c> (id by default): the value the cursor is made in, the field, and the direction.</summary>
    public static (string Order, SpaceOrder Field, bool Descending) ParseSort(string? sort)
    {
        var order = string.IsNullOrEmpty(sort) ? "id" : sort;
        var descending = order.StartsWith('-');
        return Orders.TryGetValue(descending ? order[1..] : order, out var field)
            ? (order, field, descending)
            : throw new BadRequestException($"sort must be one of id, -id, key, -key, name, -name; '{order}' is not.");
    }

    /// <summary>
    /// Creates the space (with its homepage and default permissions, as v1 does, or exactly the roles in
    /// <c>roleAssignments</c>) and answers 201.
    /// </summary>
    private static async Task<IResult> CreateSpace(
        CreateSpaceRequest? body, Caller caller, SpaceService spaces, Quire.Core.Roles.SpaceCreationWithRoles withRoles, SpaceV2Renderer renderer,
        CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("The request body must be an object with at least a name and a key.");
        if (body.CopySpaceAccessConfiguration is { ValueKind: not JsonValueKind.Null })
            throw new BadRequestException("copySpaceAccessConfiguration is not supported by Quire; leave it out.");
        if (!string.IsNullOrEmpty(body.TemplateKey)) throw new BadRequestException("templateKey is not supported by Quire; leave it out.");
        if (body.Key is not null && body.Alias is not null && body.Key != body.Alias)
            throw new BadRequestException("Quire's spaces have one identifier: give key or alias, or both the same.");
        if (body.Description?.Representation is not (null or "plain"))
            throw new BadRequestException("description.representation must be plain.");
        var key = body.Key ?? body.Alias ?? throw new BadRequestException("key (or alias) is required.");
        var input = new NewSpace(key, body.Name, body.Description?.Value);
        // With roleAssignments the space has exactly those roles (SpaceCreationWithRoles); without, the default permissions.
        var space = body.RoleAssignments is { ValueKind: not JsonValueKind.Null } roles
            ? await withRoles.CreateAsync(caller, input, SpaceRoles.SpaceRolesApi.Entries(roles, "roleAssignments"), ct)
            : await spaces.CreateAsync(caller, input, body.CreatePrivateSpace ?? false, ct);
        var json = (await renderer.RenderAsync([space], new SpaceShape(null, false), single: true, ct))[0];
        return TypedResults.Json(json, Http.QuireJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<SpaceV2Json> GetSpaceById(
        string id, HttpRequest request, Caller caller, SpaceAccess access, SpaceV2Renderer renderer, CancellationToken ct)
    {
        var (spaceId, shape, includes) = (V2Ids.Parse(id, "id"), SpaceShape.From(request), SpaceIncludes.From(request));
        var space = await access.ViewableByIdAsync(caller, spaceId, ct);
        var json = (await renderer.RenderAsync([space], shape, single: true, ct))[0];
        await renderer.IncludeAsync(json, space, includes, ct);
        return json;
    }

    /// <summary>A list parameter given repeated or comma-separated; at most <paramref name="max"/> values (400).</summary>
    internal static IReadOnlyList<string> Strings(HttpRequest request, string name, int max)
    {
        var values = request.Query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct().ToList();
        return values.Count <= max ? values : throw new BadRequestException($"At most {max} values of {name} may be given.");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>What every answer's spaces show: the description format asked (<c>plain</c>/<c>view</c>) and whether the icon.</summary>
public sealed record SpaceShape(string? DescriptionFormat, bool Icon)
{
    public static SpaceShape From(HttpRequest request)
    {
        var format = request.Query["description-format"].ToString();
        if (format is not ("" or "plain" or "view"))
            throw new BadRequestException($"description-format must be plain or view; '{format}' is not.");
        return new SpaceShape(format.Length == 0 ? null : format, V2Query.Flag(request, "include-icon"));
    }
}

/// <summary>The <c>include-*</c> members a single space's answer carries.</summary>
public sealed record SpaceIncludes(bool Labels, bool Properties, bool Operations, bool Permissions)
{
    /// <summary><c>include-role-assignments</c> is accepted (it is for Cloud's early-access sites) and adds nothing: Quire has no space roles.</summary>
    public static SpaceIncludes From(HttpRequest request)
    {
        V2Query.Flag(request, "include-role-assignments");
        return new SpaceIncludes(
            V2Query.Flag(request, "include-labels"), V2Query.Flag(request, "include-properties"),
            V2Query.Flag(request, "include-operations"), V2Query.Flag(request, "include-permissions"));
    }
}
