using Quire.Server.ApiV2.Attachment;
using Quire.Server.ApiV2.Comment;
using Quire.Server.ApiV2.Like;
using Quire.Server.ApiV2.Operation;
using Quire.Server.ApiV2.Page;
using Quire.Server.Http;

namespace Quire.Server.ApiV2;

/// <summary>
/// Every v2 group (<c>/wiki/api/v2</c>), one line per spec group; the folder of each is named
/// after its group (<c>ApiV2/Page/PageApi.cs</c>). v2 runs on the same services, stores and
/// visibility rule as v1: a page written through one API is the page read through the other.
/// </summary>
public static class ApiV2Routes
{
    public const string V2 = Common.V2ErrorBody.BasePath;

    public static IEndpointRouteBuilder MapQuireApiV2(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup(V2).RequireAuthorization().AddEndpointFilter<ReleaseConnectionFilter>();
        v2.MapPageApi();
        v2.MapAttachmentApi();
        v2.MapOperationApi();
        v2.MapLikeApi();
        v2.MapCommentApi();
        return app;
    }
}
