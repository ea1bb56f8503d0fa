using Quire.Core.Content;
using Quire.Core.Security;
using Quire.Server.Api.LongRunningTask;
using Quire.Server.Http;

namespace Quire.Server.Api.Experimental;

/// <summary>deletePageTree (Experimental): <c>DELETE /content/{id}/pageTree</c>, trashing a page and its descendants as a long task.</summary>
public static class PageTreeApi
{
    public static RouteGroupBuilder MapPageTreeApi(this RouteGroupBuilder api)
    {
        api.MapDelete("/content/{id}/pageTree", DeletePageTree);
        return api;
    }

    private static async Task<IResult> DeletePageTree(string id, Caller caller, PageTreeTaskService service, CancellationToken ct)
    {
        var task = await service.DeletePageTreeAsync(caller, id, ct);
        return TypedResults.Json(LongTaskJson.Pointer(task.Id), QuireJson.Options, statusCode: StatusCodes.Status202Accepted);
    }
}
