using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Server.ApiV2.Common;

namespace Quire.Server.ApiV2.ContentProperties;

/// <summary>
/// The v2 <c>Content Properties</c> group: pages, blog posts, attachments, comments, custom content, and the page
/// tree's folders, whiteboards, databases and smart links (<c>/{type}/{id}/properties</c>, five operations each). The same
/// properties as v1's <c>/content/{id}/property</c> (one store, one service, the same versions),
/// named here by their ids. Content of another type is not found under a type's path.
/// </summary>
public static class ContentPropertiesApi
{
    /// <summary>What every property call needs besides its path.</summary>
    public readonly record struct PropertyCall(
        HttpRequest Request, Caller Caller, ContentPropertyService Properties, ContentPropertyV2Renderer Renderer, V2Links Links,
        CancellationToken Ct);

    /// <summary>A listing's query: <c>key</c> (exact, case-sensitive), <c>sort</c> (key or -key), <c>cursor</c>, <c>limit</c>.</summary>
    public readonly record struct PropertyListQuery(string? Key, string? Sort, string? Cursor, int? Limit);

    public static RouteGroupBuilder MapContentPropertiesApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/pages/{id}/properties", GetPageContentProperties);
        v2.MapPost("/pages/{id}/properties", CreatePageProperty);
        v2.MapGet("/pages/{id}/properties/{propertyId}", GetPageContentPropertiesById);
        v2.MapPut("/pages/{id}/properties/{propertyId}", UpdatePagePropertyById);
        v2.MapDelete("/pages/{id}/properties/{propertyId}", DeletePagePropertyById);

        v2.MapGet("/blogposts/{id}/properties", GetBlogpostContentProperties);
        v2.MapPost("/blogposts/{id}/properties", CreateBlogpostProperty);
        v2.MapGet("/blogposts/{id}/properties/{propertyId}", GetBlogpostContentPropertiesById);
        v2.MapPut("/blogposts/{id}/properties/{propertyId}", UpdateBlogpostPropertyById);
        v2.MapDelete("/blogposts/{id}/properties/{propertyId}", DeleteBlogpostPropertyById);

        v2.MapGet("/attachments/{id}/properties", GetAttachmentContentProperties);
        v2.MapPost("/attachments/{id}/properties", CreateAttachmentProperty);
        v2.MapGet("/attachments/{id}/properties/{propertyId}", GetAttachmentContentPropertiesById);
        v2.MapPut("/attachments/{id}/properties/{propertyId}", UpdateAttachmentPropertyById);
        v2.MapDelete("/attachments/{id}/properties/{propertyId}", DeleteAttachmentPropertyById);

        v2.MapGet("/comments/{id}/properties", GetCommentContentProperties);
        v2.MapPost("/comments/{id}/properties", CreateCommentProperty);
        v2.MapGet("/comments/{id}/properties/{propertyId}", GetCommentContentPropertiesById);
        v2.MapPut("/comments/{id}/properties/{propertyId}", UpdateCommentPropertyById);
        v2.MapDelete("/comments/{id}/properties/{propertyId}", DeleteCommentPropertyById);

        v2.MapGet("/custom-content/{id}/properties", GetCustomContentContentProperties);
        v2.MapPost("/custom-content/{id}/properties", CreateCustomContentProperty);
        v2.MapGet("/custom-content/{id}/properties/{propertyId}", GetCustomContentContentPropertiesById);
        v2.MapPut("/custom-content/{id}/properties/{propertyId}", UpdateCustomContentPropertyById);
        v2.MapDelete("/custom-content/{id}/properties/{propertyId}", DeleteCustomContentPropertyById);
        foreach (var (kind, path) in TreeContent.TreeContentApi.Paths) v2.MapPropertiesOf(path, kind.Name());
        return v2;
    }

    /// <summary>The five property operations of one kind of the page tree (folders, whiteboards, databases, smart links), whose ids carry no prefix.</summary>
    private static void MapPropertiesOf(this RouteGroupBuilder v2, string path, string type)
    {
        v2.MapGet(path + "/{id}/properties", (string id, [AsParameters] PropertyListQuery query, [AsParameters] PropertyCall call) => List(type, id, query, call));
        v2.MapPost(path + "/{id}/properties", (string id, PropertyCreateRequest? body, [AsParameters] PropertyCall call) => Create(type, id, body, call));
        v2.MapGet(path + "/{id}/properties/{propertyId}", (string id, string propertyId, [AsParameters] PropertyCall call) => Get(type, id, propertyId, call));
        v2.MapPut(path + "/{id}/properties/{propertyId}",
            (string id, string propertyId, PropertyUpdateRequest? body, [AsParameters] PropertyCall call) => Update(type, id, propertyId, body, call));
        v2.MapDelete(path + "/{id}/properties/{propertyId}", (string id, string propertyId, [AsParameters] PropertyCall call) => Delete(type, id, propertyId, call));
    }

    private static Task<MultiEntityResult<ContentPropertyV2Json>> GetPageContentProperties(string id, [AsParameters] PropertyListQuery query, [AsParameters] PropertyCall call) => List(ContentRules.Page, id, query, call);
    private static Task<ContentPropertyV2Json> CreatePageProperty(string id, PropertyCreateRequest? body, [AsParameters] PropertyCall call) => Create(ContentRules.Page, id, body, call);
    private static Task<ContentPropertyV2Json> GetPageContentPropertiesById(string id, string propertyId, [AsParameters] PropertyCall call) => Get(ContentRules.Page, id, propertyId, call);
    private static Task<ContentPropertyV2Json> UpdatePagePropertyById(string id, string propertyId, PropertyUpdateRequest? body, [AsParameters] PropertyCall call) => Update(ContentRules.Page, id, propertyId, body, call);
    private static Task<IResult> DeletePagePropertyById(string id, string propertyId, [AsParameters] PropertyCall call) => Delete(ContentRules.Page, id, propertyId, call);

    private static Task<MultiEntityResult<ContentPropertyV2Json>> GetBlogpostContentProperties(string id, [AsParameters] PropertyListQuery query, [AsParameters] PropertyCall call) => List(ContentRules.BlogPost, id, query, call);
    private static Task<ContentPropertyV2Json> CreateBlogpostProperty(string id, PropertyCreateRequest? body, [AsParameters] PropertyCall call) => Create(ContentRules.BlogPost, id, body, call);
    private static Task<ContentPropertyV2Json> GetBlogpostContentPropertiesById(string id, string propertyId, [AsParameters] PropertyCall call) => Get(ContentRules.BlogPost, id, propertyId, call);
    private static Task<ContentPropertyV2Json> UpdateBlogpostPropertyById(string id, string propertyId, PropertyUpdateRequest? body, [AsParameters] PropertyCall call) => Update(ContentRules.BlogPost, id, propertyId, body, call);
    private static Task<IResult> DeleteBlogpostPropertyById(string id, string propertyId, [AsParameters] PropertyCall call) => Delete(ContentRules.BlogPost, id, propertyId, call);

    private static Task<MultiEntityResult<ContentPropertyV2Json>> GetAttachmentContentProperties(string id, [AsParameters] PropertyListQuery query, [AsParameters] PropertyCall call) => List(ContentRules.Attachment, id, query, call);
    private static Task<ContentPropertyV2Json> CreateAttachmentProperty(string id, PropertyCreateRequest? body, [AsParameters] PropertyCall call) => Create(ContentRules.Attachment, id, body, call);
    private static Task<ContentPropertyV2Json> GetAttachmentContentPropertiesById(string id, string propertyId, [AsParameters] PropertyCall call) => Get(ContentRules.Attachment, id, propertyId, call);
    private static Task<ContentPropertyV2Json> UpdateAttachmentPropertyById(string id, string propertyId, PropertyUpdateRequest? body, [AsParameters] PropertyCall call) => Update(ContentRules.Attachment, id, propertyId, body, call);
    private static Task<IResult> DeleteAttachmentPropertyById(string id, string propertyId, [AsParameters] PropertyCall call) => Delete(ContentRules.Attachment, id, propertyId, call);

    private static Task<MultiEntityResult<ContentPropertyV2Json>> GetCommentContentProperties(string id, [AsParameters] PropertyListQuery query, [AsParameters] PropertyCall call) => List(ContentRules.Comment, id, query, call);
    private static Task<ContentPropertyV2Json> CreateCommentProperty(string id, PropertyCreateRequest? body, [AsParameters] PropertyCall call) => Create(ContentRules.Comment, id, body, call);
    private static Task<ContentPropertyV2Json> GetCommentContentPropertiesById(string id, string propertyId, [AsParameters] PropertyCall call) => Get(ContentRules.Comment, id, propertyId, call);
    private static Task<ContentPropertyV2Json> UpdateCommentPropertyById(string id, string propertyId, PropertyUpdateRequest? body, [AsParameters] PropertyCall call) => Update(ContentRules.Comment, id, propertyId, body, call);
    private static Task<IResult> DeleteCommentPropertyById(string id, string propertyId, [AsParameters] PropertyCall call) => Delete(ContentRules.Comment, id, propertyId, call);

    private static Task<MultiEntityResult<ContentPropertyV2Json>> GetCustomContentContentProperties(string id, [AsParameters] PropertyListQuery query, [AsParameters] PropertyCall call) => List(ContentRules.CustomContent, id, query, call);
    private static Task<ContentPropertyV2Json> CreateCustomContentProperty(string id, PropertyCreateRequest? body, [AsParameters] PropertyCall call) => Create(ContentRules.CustomContent, id, body, call);
    private static Task<ContentPropertyV2Json> GetCustomContentContentPropertiesById(string id, string propertyId, [AsParameters] PropertyCall call) => Get(ContentRules.CustomContent, id, propertyId, call);
    private static Task<ContentPropertyV2Json> UpdateCustomContentPropertyById(string id, string propertyId, PropertyUpdateRequest? body, [AsParameters] PropertyCall call) => Update(ContentRules.CustomContent, id, propertyId, body, call);
    private static Task<IResult> DeleteCustomContentPropertyById(string id, string propertyId, [AsParameters] PropertyCall call) => Delete(ContentRules.CustomContent, id, propertyId, call);

    private static async Task<MultiEntityResult<ContentPropertyV2Json>> List(string type, string id, PropertyListQuery query, PropertyCall call)
    {
        var order = string.IsNullOrEmpty(query.Sort) ? "key" : query.Sort;
        if (order is not ("key" or "-key")) throw new BadRequestException($"sort must be key or -key; '{order}' is not.");
        var page = new KeysetRequest(V2Cursor.Decode(query.Cursor, order), V2Limit.Standard.Parse(query.Limit));
        var found = await call.Properties.ListAfterAsync(call.Caller, type, ContentId(type, id), query.Key, order == "-key", page, call.Ct);
        return call.Links.Page(await call.Renderer.RenderAsync(found.Results, call.Ct), order, found.Next);
    }

    private static async Task<ContentPropertyV2Json> Get(string type, string id, string propertyId, PropertyCall call) =>
        await call.Renderer.RenderAsync(
            await call.Properties.GetByIdAsync(call.Caller, type, ContentId(type, id), PropertyId(propertyId), call.Ct), call.Ct);

    private static async Task<ContentPropertyV2Json> Create(string type, string id, PropertyCreateRequest? body, PropertyCall call)
    {
        if (body is null) throw new BadRequestException("The request body must be a ContentPropertyCreateRequest object.");
        var created = await call.Properties.CreateOfTypeAsync(call.Caller, type, ContentId(type, id), body.Key, body.Value, call.Ct);
        return await call.Renderer.RenderAsync(created, call.Ct);
    }

    private static async Task<ContentPropertyV2Json> Update(string type, string id, string propertyId, PropertyUpdateRequest? body, PropertyCall call)
    {
        if (body is null) throw new BadRequestException("The request body must be a ContentPropertyUpdateRequest object.");
        var change = new ContentPropertyChange(body.Value, body.Version?.Number, MinorEdit: false, body.Version?.Message);
        var updated = await call.Properties.UpdateByIdAsync(call.Caller, type, ContentId(type, id), PropertyId(propertyId), body.Key, change, call.Ct);
        return await call.Renderer.RenderAsync(updated, call.Ct);
    }

    private static async Task<IResult> Delete(string type, string id, string propertyId, PropertyCall call)
    {
        await call.Properties.DeleteByIdAsync(call.Caller, type, ContentId(type, id), PropertyId(propertyId), call.Ct);
        return TypedResults.NoContent();
    }

    /// <summary>The content id of a path, checked as v2 does (400 for a non-number); an attachment's may carry its <c>att</c> prefix.</summary>
    private static string ContentId(string type, string id)
    {
        var digits = type == ContentRules.Attachment && id.StartsWith("att", StringComparison.Ordinal) ? id[3..] : id;
        return V2Links.Id(V2Ids.Parse(digits, "id"));
    }

    private static string PropertyId(string propertyId) => V2Links.Id(V2Ids.Parse(propertyId, "property-id"));
}
