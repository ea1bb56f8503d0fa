using Quire.Core.Content;
using Quire.Core.Operations;
using Quire.Core.Security;
using Quire.Server.ApiV2.Common;

namespace Quire.Server.ApiV2.Operation;

/// <summary>
/// The v2 <c>Operation</c> group for pages, blog posts, attachments, footer and inline comments, custom content, the page
/// tree's folders, whiteboards, databases and smart links, and spaces: what the caller may do there (<see cref="OperationService"/>,
/// the rule v1's <c>operations</c> expansion follows).
/// </summary>
public static class OperationApi
{
    public static RouteGroupBuilder MapOperationApi(this RouteGroupBuilder v2)
    {
        v2.MapGet("/pages/{id}/operations", GetPageOperations);
        v2.MapGet("/blogposts/{id}/operations", GetBlogPostOperations);
        v2.MapGet("/attachments/{id}/operations", GetAttachmentOperations);
        v2.MapGet("/footer-comments/{id}/operations", GetFooterCommentOperations);
        v2.MapGet("/inline-comments/{id}/operations", GetInlineCommentOperations);
        v2.MapGet("/custom-content/{id}/operations", GetCustomContentOperations);
        v2.MapGet("/spaces/{id}/operations", GetSpaceOperations);
        foreach (var (kind, path) in TreeContent.TreeContentApi.Paths)
            v2.MapGet(path + "/{id}/operations", (string id, Caller caller, OperationService service, CancellationToken ct) =>
                ContentAsync(id, "id", kind, caller, service, ct));
        return v2;
    }

    private static Task<V2PermittedOperationsJson> GetPageOperations(string id, Caller caller, OperationService service, CancellationToken ct) =>
        ContentAsync(id, "id", ContentKind.Page, caller, service, ct);

    private static Task<V2PermittedOperationsJson> GetBlogPostOperations(string id, Caller caller, OperationService service, CancellationToken ct) =>
        ContentAsync(id, "id", ContentKind.BlogPost, caller, service, ct);

    /// <summary>An attachment's id may carry its <c>att</c> prefix, as the spec's pattern allows.</summary>
    private static Task<V2PermittedOperationsJson> GetAttachmentOperations(string id, Caller caller, OperationService service, CancellationToken ct) =>
        ContentAsync(V2Links.Id(Attachment.V2AttachmentIds.Parse(id, "id")), "id", ContentKind.Attachment, caller, service, ct);

    private static Task<V2PermittedOperationsJson> GetFooterCommentOperations(string id, Caller caller, OperationService service, CancellationToken ct) =>
        ContentAsync(id, "id", ContentKind.FooterComment, caller, service, ct);

    private static Task<V2PermittedOperationsJson> GetInlineCommentOperations(string id, Caller caller, OperationService service, CancellationToken ct) =>
        ContentAsync(id, "id", ContentKind.InlineComment, caller, service, ct);

    private static Task<V2PermittedOperationsJson> GetCustomContentOperations(string id, Caller caller, OperationService service, CancellationToken ct) =>
        ContentAsync(id, "id", ContentKind.CustomContent, caller, service, ct);

    private static async Task<V2PermittedOperationsJson> GetSpaceOperations(string id, Caller caller, OperationService service, CancellationToken ct)
    {
        V2Ids.Parse(id, "id");
        return new V2PermittedOperationsJson(V2OperationJson.Of(await service.ForSpaceAsync(caller, id, ct)));
    }

    private static async Task<V2PermittedOperationsJson> ContentAsync(
        string id, string name, ContentKind kind, Caller caller, OperationService service, CancellationToken ct)
    {
        V2Ids.Parse(id, name);
        return new V2PermittedOperationsJson(V2OperationJson.Of(await service.ForContentAsync(caller, id, kind, ct)));
    }
}
