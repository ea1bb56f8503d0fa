using Quire.Core.Content;
using Quire.Server.ApiV2.Common;

namespace Quire.Server.ApiV2.TreeContent;

/// <summary>
/// The v2 groups <c>Folder</c>, <c>Whiteboard</c>, <c>Database</c> and <c>Smart Link</c>: three operations each (create,
/// read by id, delete), the same for the four kinds but for a whiteboard's or database's <c>private</c> flag and a smart
/// link's <c>embedUrl</c>, so they share one mapping here (<see cref="V2TreeContentOperations"/>). Their properties,
/// operations and ancestors are in the Content Properties, Operation and Ancestors groups, as the spec files them.
/// </summary>
public static class TreeContentApi
{
    public static RouteGroupBuilder MapFolderApi(this RouteGroupBuilder v2) => v2.MapTreeKind(ContentKind.Folder, "/folders", takesPrivate: false);

    public static RouteGroupBuilder MapWhiteboardApi(this RouteGroupBuilder v2) => v2.MapTreeKind(ContentKind.Whiteboard, "/whiteboards", takesPrivate: true);

    public static RouteGroupBuilder MapDatabaseApi(this RouteGroupBuilder v2) => v2.MapTreeKind(ContentKind.Database, "/databases", takesPrivate: true);

    public static RouteGroupBuilder MapSmartLinkApi(this RouteGroupBuilder v2) => v2.MapTreeKind(ContentKind.Embed, "/embeds", takesPrivate: false);

    /// <summary>The URL prefix of each kind, for the groups (properties, operations, ancestors) that serve the four alike.</summary>
    public static readonly IReadOnlyList<(ContentKind Kind, string Path)> Paths =
    [
        (ContentKind.Folder, "/folders"), (ContentKind.Whiteboard, "/whiteboards"), (ContentKind.Database, "/databases"), (ContentKind.Embed, "/embeds"),
    ];

    /// <param name="takesPrivate">Whiteboards and databases take <c>private=true</c> (only their creator may see and edit them); the spec gives folders and smart links no such flag.</param>
    private static RouteGroupBuilder MapTreeKind(this RouteGroupBuilder v2, ContentKind kind, string path, bool takesPrivate)
    {
        v2.MapPost(path, (TreeContentCreateRequest? body, HttpRequest request, V2TreeContentOperations operations, CancellationToken ct) =>
            operations.CreateAsync(kind, body, takesPrivate && V2Query.Flag(request, "private"), ct));
        v2.MapGet(path + "/{id}", (string id, V2TreeContentOperations operations, CancellationToken ct) => operations.GetAsync(kind, id, ct));
        v2.MapDelete(path + "/{id}", async (string id, V2TreeContentOperations operations, CancellationToken ct) =>
        {
            await operations.DeleteAsync(kind, id, ct);
            return Results.NoContent();
        });
        return v2;
    }
}
