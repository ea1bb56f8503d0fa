using Quire.Core.CustomContent;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Server.Authentication;
using Quire.Server.Http;

namespace Quire.Server.Api.Admin;

/// <summary>
/// <c>/wiki/rest/api/admin/custom-content-types</c>: the site admin's declaration of custom content types, which Cloud's apps
/// make in their descriptor's <c>customContent</c> module (Quire has no app runtime yet). The body is shaped like that module:
/// <c>key</c>, <c>name</c> and <c>apiSupport</c> with <c>supportedContainerTypes</c>, <c>supportedChildTypes</c> and <c>bodyType</c>.
/// Not part of Confluence's API. Site admins only; the command line's <c>quire custom-content-type</c> does the same.
/// </summary>
public static class AdminCustomContentTypeApi
{
    public sealed record ApiSupportJson(IReadOnlyList<string>? SupportedContainerTypes, IReadOnlyList<string>? SupportedChildTypes, string? BodyType);

    public sealed record CustomContentTypeRequest(string? Key, string? Name, ApiSupportJson? ApiSupport);

    public sealed record CustomContentTypeJson(string Key, string Name, ApiSupportJson ApiSupport, long CreatedAt)
    {
        public static CustomContentTypeJson Of(CustomContentType type) =>
            new(type.Key, type.Name, new ApiSupportJson(type.ContainerTypes, type.ChildTypes, type.BodyType), type.CreatedAt);
    }

    public sealed record CustomContentTypeListJson(IReadOnlyList<CustomContentTypeJson> Results, int Size);

    public static RouteGroupBuilder MapAdminCustomContentTypeApi(this RouteGroupBuilder api)
    {
        var types = api.MapGroup("/admin/custom-content-types").RequireSignIn();
        types.MapGet("", ListTypes);
        types.MapPost("", DeclareType);
        types.MapGet("/{key}", ReadType);
        types.MapDelete("/{key}", RemoveType);
        return api;
    }

    private static async Task<CustomContentTypeListJson> ListTypes(Caller caller, CustomContentTypeService types, CancellationToken ct)
    {
        var all = await types.ListAsync(caller, ct);
        return new CustomContentTypeListJson(all.Select(CustomContentTypeJson.Of).ToList(), all.Count);
    }

    private static async Task<IResult> DeclareType(
        CustomContentTypeRequest? body, Caller caller, CustomContentTypeService types, ApiLinks links, CancellationToken ct)
    {
        if (body is null) throw new BadRequestException("A JSON body with key, name and apiSupport is required.");
        var support = body.ApiSupport;
        var declared = await types.DeclareAsync(caller,
            new CustomContentTypeInput(body.Key, body.Name, support?.SupportedContainerTypes, support?.SupportedChildTypes, support?.BodyType), ct);
        return TypedResults.Created(links.Api($"/rest/api/admin/custom-content-types/{declared.Key}"), CustomContentTypeJson.Of(declared));
    }

    private static async Task<CustomContentTypeJson> ReadType(string key, Caller caller, CustomContentTypeService types, CancellationToken ct) =>
        CustomContentTypeJson.Of(await types.GetAsync(caller, key, ct));

    /// <summary>204; 409 while content of the type exists (purge it first).</summary>
    private static async Task<IResult> RemoveType(string key, Caller caller, CustomContentTypeService types, CancellationToken ct)
    {
        await types.RemoveAsync(caller, key, ct);
        return Results.NoContent();
    }
}
