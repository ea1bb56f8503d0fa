using Quire.Server.ApiV2.AdminKey;
using Quire.Server.ApiV2.AppProperties;
using Quire.Server.ApiV2.Ancestors;
using Quire.Server.ApiV2.Attachment;
using Quire.Server.ApiV2.BlogPost;
using Quire.Server.ApiV2.Children;
using Quire.Server.ApiV2.ClassificationLevel;
using Quire.Server.ApiV2.Comment;
using Quire.Server.ApiV2.Content;
using Quire.Server.ApiV2.ContentProperties;
using Quire.Server.ApiV2.CustomContent;
using Quire.Server.ApiV2.DataPolicies;
using Quire.Server.ApiV2.Descendants;
using Quire.Server.ApiV2.Label;
using Quire.Server.ApiV2.Like;
using Quire.Server.ApiV2.Operation;
using Quire.Server.ApiV2.Page;
using Quire.Server.ApiV2.Redactions;
using Quire.Server.ApiV2.Space;
using Quire.Server.ApiV2.SpacePermissions;
using Quire.Server.ApiV2.PermissionTransition;
using Quire.Server.ApiV2.SpaceRoles;
using Quire.Server.ApiV2.SpaceProperties;
using Quire.Server.ApiV2.Tasks;
using Quire.Server.ApiV2.TreeContent;
using Quire.Server.ApiV2.User;
using Quire.Server.ApiV2.Version;
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
        var v2 = app.MapGroup(V2).RequireAuthorization().AddEndpointFilter<ReleaseConnectionFilter>().AddEndpointFilter<AdminKeyHeaderFilter>();
        v2.MapPageApi();
        v2.MapBlogPostApi();
        v2.MapVersionApi();
        v2.MapLabelApi();
        v2.MapChildrenApi();
        v2.MapDescendantsApi();
        v2.MapAncestorsApi();
        v2.MapContentApi();
        v2.MapContentPropertiesApi();
        v2.MapSpacePropertiesApi();
        v2.MapSpaceApi();
        v2.MapSpacePermissionsApi();
        v2.MapTaskApi();
        v2.MapUserApi();
        v2.MapAdminKeyApi();
        v2.MapAttachmentApi();
        v2.MapOperationApi();
        v2.MapLikeApi();
        v2.MapCommentApi();
        v2.MapClassificationLevelApi();
        v2.MapDataPoliciesApi();
        v2.MapCustomContentApi();
        v2.MapFolderApi();
        v2.MapWhiteboardApi();
        v2.MapDatabaseApi();
        v2.MapSmartLinkApi();
        v2.MapSpaceRolesApi();
        v2.MapSpacePermissionTransitionApi();
        v2.MapAppPropertiesApi();
        v2.MapRedactionsApi();
        return app;
    }
}
