using Quire.Server.Http;
using Quire.Server.Api.Admin;
using Quire.Server.Api.Content;
using Quire.Server.Api.DynamicModules;
using Quire.Server.Api.ContentAttachments;
using Quire.Server.Api.ContentChildrenAndDescendants;
using Quire.Server.Api.ContentComments;
using Quire.Server.Api.ContentPermissions;
using Quire.Server.Api.ContentLabels;
using Quire.Server.Api.ContentProperties;
using Quire.Server.Api.ContentRestrictions;
using Quire.Server.Api.ContentVersions;
using Quire.Server.Api.ContentWatches;
using Quire.Server.Api.Experimental;
using Quire.Server.Api.LongRunningTask;
using Quire.Server.Api.Relation;
using Quire.Server.Api.Analytics;
using Quire.Server.Api.Audit;
using Quire.Server.Api.InlineTasks;
using Quire.Server.Api.ContentBody;
using Quire.Server.Api.ContentStates;
using Quire.Server.Api.ContentMacroBody;
using Quire.Server.Api.Settings;
using Quire.Server.Api.Themes;
using Quire.Server.Api.Search;
using Quire.Server.Api.Template;
using Quire.Server.Api.Space;
using Quire.Server.Api.SpacePermissions;
using Quire.Server.Api.SpaceProperties;
using Quire.Server.Api.SpaceSettings;
using Quire.Server.Api.Group;
using Quire.Server.Api.LabelInfo;
using Quire.Server.Api.Likes;
using Quire.Server.Api.Tokens;
using Quire.Server.Api.UserProperties;
using Quire.Server.Api.Users;
using Quire.Server.Api.Webhooks;

namespace Quire.Server.Api;

/// <summary>Every API group, mapped under its base path. One line per spec group.</summary>
public static class ApiRoutes
{
    public const string V1 = "/wiki/rest/api";

    public static IEndpointRouteBuilder MapQuireApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup(V1).RequireAuthorization().AddEndpointFilter<ReleaseConnectionFilter>();
        v1.MapUsersApi();
        v1.MapUserPropertiesApi();
        v1.MapAdminUserApi();
        v1.MapAdminPermissionApi();
        v1.MapAdminClassificationLevelApi();
        v1.MapAdminCustomContentTypeApi();
        v1.MapAdminOAuthAppApi();
        v1.MapGroupApi();
        v1.MapSpaceApi();
        v1.MapSpacePropertiesApi();
        v1.MapSpaceSettingsApi();
        v1.MapSpacePermissionsApi();
        v1.MapSpaceLabelsApi();
        v1.MapLongRunningTaskApi();
        v1.MapContentApi();
        v1.MapContentSearchApi();
        v1.MapContentVersionsApi();
        v1.MapContentChildrenApi();
        v1.MapContentCommentsApi();
        v1.MapSpaceContentApi();
        v1.MapPageTreeApi();
        v1.MapContentArchiveApi();
        v1.MapContentLabelsApi();
        v1.MapContentPropertiesApi();
        v1.MapLabelInfoApi();
        v1.MapContentAttachmentsApi();
        v1.MapContentPermissionsApi();
        v1.MapContentRestrictionsApi();
        v1.MapContentWatchesApi();
        v1.MapRelationApi();
        v1.MapTemplateApi();
        v1.MapAuditApi();
        v1.MapWebhooksApi();
        v1.MapContentBodyApi();
        v1.MapContentMacroBodyApi();
        v1.MapSettingsApi();
        v1.MapThemesApi();
        v1.MapAnalyticsApi();
        v1.MapInlineTasksApi();
        v1.MapContentStatesApi();
        v1.MapSearchApi();
        app.MapAttachmentDownloads();
        app.MapApiTokensApi();
        app.MapOAuthGrantsApi();
        app.MapLikesApi();
        app.MapDynamicModulesApi();
        return app;
    }
}
