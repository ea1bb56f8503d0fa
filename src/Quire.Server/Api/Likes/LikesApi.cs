using Quire.Core.Likes;
using Quire.Core.Security;
using Quire.Server.Authentication;
using Quire.Server.Http;

namespace Quire.Server.Api.Likes;

/// <summary>
/// <c>/wiki/rest/likes/1.0/content/{id}/likes</c>: how Confluence's own web interface likes and unlikes
/// a page, blog post or comment for the signed-in user (no spec covers it; v2's Like group reads the
/// likes). Both answer 204 and are idempotent; both need a signed-in user (401 for the anonymous one)
/// and, as Quire's other writes without a JSON body, the XSRF header <c>X-Atlassian-Token: no-check</c>
/// (403 without), since a cross-site form could otherwise like on a signed-in browser's behalf.
/// </summary>
public static class LikesApi
{
    public const string Base = "/wiki/rest/likes/1.0";

    public static IEndpointRouteBuilder MapLikesApi(this IEndpointRouteBuilder app)
    {
        var likes = app.MapGroup(Base).RequireAuthorization().AddEndpointFilter<ReleaseConnectionFilter>().RequireSignIn();
        likes.MapPost("/content/{id}/likes", LikeContent);
        likes.MapDelete("/content/{id}/likes", UnlikeContent);
        return app;
    }

    private static async Task<IResult> LikeContent(string id, HttpRequest request, Caller caller, LikeService service, CancellationToken ct)
    {
        Xsrf.Require(request, "likes");
        await service.LikeAsync(caller, id, ct);
        return Results.NoContent();
    }

    private static async Task<IResult> UnlikeContent(string id, HttpRequest request, Caller caller, LikeService service, CancellationToken ct)
    {
        Xsrf.Require(request, "likes");
        await service.UnlikeAsync(caller, id, ct);
        return Results.NoContent();
    }
}
