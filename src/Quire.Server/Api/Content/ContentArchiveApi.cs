using System.Globalization;
using System.Text.Json;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Server.Api.LongRunningTask;
using Quire.Server.Http;

namespace Quire.Server.Api.Content;

/// <summary>archivePages: <c>POST /content/archive</c>, archiving pages as a long task.</summary>
public static class ContentArchiveApi
{
    /// <summary>The request body; ids are int64 in the spec, and strings are accepted as ContentId is elsewhere.</summary>
    public sealed record ArchiveRequest(IReadOnlyList<ArchivePage?>? Pages);

    public sealed record ArchivePage(JsonElement? Id);

    public static RouteGroupBuilder MapContentArchiveApi(this RouteGroupBuilder api)
    {
        api.MapPost("/content/archive", ArchivePages);
        return api;
    }

    private static async Task<IResult> ArchivePages(ArchiveRequest? body, Caller caller, PageTreeTaskService service, CancellationToken ct)
    {
        if (body?.Pages is null) throw new BadRequestException("The request body must be {\"pages\": [{\"id\": ...}]}.");
        var ids = body.Pages.Select(p => p?.Id switch
        {
            { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var id) => id.ToString(CultureInfo.InvariantCulture),
            { ValueKind: JsonValueKind.String } s => s.GetString()!,
            _ => throw new BadRequestException("Each page needs an id: a content id."),
        }).ToList();
        var task = await service.ArchiveAsync(caller, ids, ct);
        return TypedResults.Json(LongTaskJson.Pointer(task.Id), QuireJson.Options, statusCode: StatusCodes.Status202Accepted);
    }
}
