using Quire.Core.Search;
using Quire.Storage.Properties;
using Quire.Storage.Search;
using Microsoft.Extensions.Options;
using Quire.Core.Attachments;
using Quire.Core.Content;
using Quire.Core.Groups;
using Quire.Core.Labels;
using Quire.Core.Permissions;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Core.Tasks;
using Quire.Core.UserProperties;
using Quire.Core.Users;
using Quire.Core.Audit;
using Quire.Core.Relations;
using Quire.Core.Templates;
using Quire.Core.Watches;
using Quire.Storage.Attachments;
using Quire.Storage.Blobs;
using Quire.Storage.Content;
using Quire.Storage.Groups;
using Quire.Storage.Labels;
using Quire.Storage.Restrictions;
using Quire.Storage.Spaces;
using Quire.Storage.Tasks;
using Quire.Storage.UserProperties;
using Quire.Storage.Users;
using Quire.Storage.Audit;
using Quire.Storage.Relations;
using Quire.Storage.Templates;
using Quire.Storage.Watches;
using Quire.Storage;

namespace Quire.Server.Hosting;

public static class QuireServices
{
    /// <summary>
    /// Everything below HTTP: options, the database, stores and domain services. Shared by
    /// the web host and the command-line verbs, so both see the same site.
    /// </summary>
    public static IServiceCollection AddQuireCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QuireOptions>().Bind(configuration.GetSection(QuireOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<QuireOptions>>().Value.OpenDatabase());
        services.AddScoped<DbSession>();
        services.AddTransient(typeof(Quire.Core.Deferred<>));
        services.AddScoped<IBlobStore>(sp => sp.GetRequiredService<IOptions<QuireOptions>>().Value
            .OpenBlobStore(sp.GetRequiredService<DbSession>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<BlobGate>();
        services.AddScoped<AttachmentStore>();
        services.AddScoped<BlobCollector>();
        services.AddScoped<AttachmentService>();

        services.AddScoped<UserStore>();
        services.AddScoped<ApiTokenStore>();
        // The web interface's sessions: with the tokens, since revoking a token (API, command line) ends them.
        services.AddScoped<Quire.Storage.Web.WebSessionStore>();
        services.AddScoped<SignInSnapshotStore>();
        services.AddSingleton<SignInSnapshotCache>();
        services.AddScoped<GroupStore>();
        services.AddScoped<UserPropertyStore>();
        services.AddScoped<Quire.Storage.Permissions.GlobalPermissionStore>();
        services.AddSingleton<GlobalPermissionCache>();
        services.AddScoped<GlobalPermissionService>();
        services.AddScoped<SpaceStore>();
        services.AddScoped<SpacePermissionStore>();
        services.AddScoped<Quire.Storage.Roles.SpaceRoleStore>();
        services.AddScoped<Quire.Storage.AppProperties.AppPropertyStore>();
        services.AddScoped<SpacePropertyStore>();
        services.AddScoped<Quire.Storage.AdminKeys.AdminKeyStore>();
        services.AddScoped<SpaceLabelStore>();
        services.AddScoped<SpaceContentStore>();
        services.AddScoped<SpaceDeletionStore>();
        services.AddScoped<LongTaskStore>();
        services.AddScoped<ContentStore>();
        services.AddScoped<ContentTreeStore>();
        services.AddScoped<ContentCopyStore>();
        services.AddScoped<LabelStore>();
        services.AddScoped<LabelListingStore>();
        services.AddScoped<ContentLabelStore>();
        services.AddScoped<ContentPropertyStore>();
        services.AddScoped<ContentRestrictionStore>();
        services.AddScoped<ReadGuardStore>();
        services.AddScoped<SearchIndexStore>();
        services.AddScoped<ContentSearchStore>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<QuireOptions>>().Value.Search.Validated());
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<QuireOptions>>().Value.AnswerCache.Validated());
        services.AddSingleton<Quire.Server.Http.RenderedAnswerCache>();
        services.AddScoped<UserSearchStore>();
        services.AddScoped<SpaceSearchStore>();
        services.AddScoped<WatchStore>();
        services.AddScoped<Quire.Storage.Likes.LikeStore>();
        services.AddScoped<Quire.Storage.Comments.CommentResolutionStore>();
        services.AddScoped<RelationStore>();
        services.AddScoped<TemplateStore>();
        services.AddScoped<AuditStore>();
        services.AddScoped<Quire.Storage.InlineTasks.InlineTaskStore>();
        services.AddScoped<Quire.Core.InlineTasks.InlineTaskIndexer>();
        services.AddScoped<Quire.Core.InlineTasks.InlineTaskService>();
        services.AddScoped<BodyIndexer>();
        services.AddScoped<Quire.Core.Comments.InlineCommentDangling>();
        services.AddScoped<Quire.Storage.ContentStates.ContentStateStore>();
        services.AddScoped<Quire.Core.ContentStates.ContentStateService>();
        services.AddScoped<Quire.Storage.Classification.ClassificationLevelStore>();
        services.AddScoped<Quire.Storage.Classification.ContentClassificationStore>();
        services.AddScoped<Quire.Core.Classification.ClassificationLevelService>();
        services.AddScoped<Quire.Core.Classification.ContentClassificationService>();
        services.AddScoped<Quire.Storage.Analytics.ContentViewStore>();
        services.AddSingleton<Quire.Core.Analytics.ContentViewRecorder>();
        services.AddScoped<Quire.Storage.Settings.SettingsStore>();
        services.AddScoped<Quire.Storage.ContentBody.BodyConversionStore>();
        // The command line has no request; the web host replaces this with the request's origin.
        services.AddSingleton<IRequestOrigin, Quire.Server.Http.NoRequestOrigin>();
        services.AddScoped<AuditLog>();
        // The web host replaces this with the request's base (ApiLinks).
        services.AddScoped<Quire.Core.ContentBody.ISiteBaseUrl, Quire.Server.Http.ConfiguredSiteBaseUrl>();

        services.AddSingleton(sp => sp.GetRequiredService<IOptions<QuireOptions>>().Value.Webhooks.Validated());
        services.AddSingleton<Quire.Core.Webhooks.WebhookSubscriptionCache>();
        services.AddSingleton<Quire.Core.Webhooks.WebhookSignal>();
        services.AddSingleton<Quire.Core.Webhooks.WebhookSender>();
        services.AddScoped<Quire.Storage.Webhooks.WebhookStore>();
        services.AddScoped<Quire.Storage.Webhooks.WebhookEventStore>();
        services.AddScoped<Quire.Storage.Webhooks.WebhookDeliveryStore>();
        services.AddScoped<Quire.Storage.Webhooks.WebhookSubjectStore>();
        services.AddScoped<Quire.Core.Webhooks.WebhookOutbox>();
        services.AddScoped<Quire.Core.Webhooks.ContentWebhooks>();
        services.AddScoped<Quire.Core.Webhooks.LabelWebhooks>();
        services.AddScoped<Quire.Core.Webhooks.RestrictionWebhooks>();
        services.AddScoped<Quire.Core.Webhooks.RelationWebhooks>();
        services.AddScoped<Quire.Core.Webhooks.SiteWebhooks>();
        services.AddScoped<Quire.Core.Webhooks.WebhookService>();
        Quire.Server.Connect.ConnectServices.AddConnectApps(services);

        // OAuth 2.0 (3LO) apps, grants and tokens.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<QuireOptions>>().Value.OAuth.Validated());
        services.AddScoped<Quire.Storage.OAuth.OAuthAppStore>();
        services.AddScoped<Quire.Storage.OAuth.OAuthGrantStore>();
        services.AddScoped<Quire.Core.OAuth.OAuthAppService>();
        services.AddScoped<Quire.Core.OAuth.OAuthAuthorizationService>();
        services.AddScoped<Quire.Core.OAuth.OAuthTokenService>();
        services.AddScoped<Quire.Core.OAuth.OAuthGrantService>();

        services.AddSingleton(sp => new CredentialHasher(sp.GetRequiredService<IOptions<QuireOptions>>().Value.SignIn.ConcurrentPasswordChecks));
        services.AddSingleton(sp => new SignInThrottle(
            sp.GetRequiredService<IOptions<QuireOptions>>().Value.SignIn.Limits(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<UserService>();
        services.AddScoped<Quire.Core.Users.UserAccessService>();
        services.AddScoped<Quire.Core.AdminKeys.AdminKeyService>();
        services.AddScoped<Quire.Server.ApiV2.ContentProperties.ContentPropertyV2Renderer>();
        services.AddScoped<Quire.Server.ApiV2.Space.SpaceV2Renderer>();
        services.AddScoped<Quire.Server.ApiV2.Tasks.TaskV2Renderer>();
        services.AddScoped<GroupService>();
        services.AddScoped<ApiTokenService>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<QuireOptions>>().Value.Web.SessionOptions());
        services.AddScoped<WebSessionService>();
        services.AddScoped<UserPropertyService>();
        services.AddScoped<SignInService>();
        services.AddScoped<Viewers>();
        services.AddScoped<SiteInitializer>();

        services.AddScoped<SpaceAccess>();
        services.AddScoped<ContentAccess>();
        services.AddScoped<ContentService>();
        services.AddScoped<Quire.Storage.CustomContent.CustomContentTypeStore>();
        services.AddScoped<Quire.Core.CustomContent.CustomContentTypeService>();
        services.AddScoped<ContentReader>();
        services.AddScoped<PrivateContentService>();
        services.AddScoped<ContentVersionService>();
        services.AddScoped<ContentTreeService>();
        services.AddScoped<ContentMoveService>();
        services.AddScoped<PageTreeLock>();
        services.AddScoped<PageTreeRepair>();
        services.AddScoped<ContentCopyService>();
        services.AddScoped<PageHierarchyCopyService>();
        services.AddScoped<PageTreeTaskService>();
        services.AddScoped<SpaceService>();
        services.AddScoped<SpaceGrants>();
        services.AddScoped<SpacePermissionService>();
        services.AddScoped<ContentPermissionService>();
        services.AddScoped<ContentRestrictionService>();
        services.AddScoped<SpacePropertyService>();
        services.AddScoped<SpacePermissionAssignments>();
        services.AddScoped<Quire.Core.Roles.SpaceRolePrincipals>();
        services.AddScoped<Quire.Core.Roles.SpaceRoleGrants>();
        services.AddScoped<Quire.Core.Roles.SpaceRoleService>();
        services.AddScoped<Quire.Core.Roles.SpaceRoleAssignmentService>();
        services.AddScoped<Quire.Core.Roles.SpaceCreationWithRoles>();
        services.AddScoped<Quire.Core.Roles.PermissionCombinations>();
        services.AddScoped<Quire.Core.Roles.SpacePermissionTransition>();
        services.AddScoped<Quire.Core.AppProperties.AppPropertyService>();
        services.AddScoped<Quire.Core.Redactions.ContentRedactionService>();
        services.AddScoped<SpaceLabelService>();
        services.AddScoped<ContentLabelService>();
        services.AddScoped<ContentPropertyService>();
        services.AddScoped<LabelInfoService>();
        services.AddScoped<LabelListingService>();
        services.AddScoped<ContentKindLookup>();
        services.AddScoped<WatchService>();
        services.AddScoped<Quire.Core.Likes.LikeService>();
        services.AddScoped<Quire.Core.Operations.OperationService>();
        services.AddScoped<Quire.Core.Comments.CommentService>();
        services.AddScoped<RelationService>();
        services.AddScoped<TemplateService>();
        services.AddScoped<AuditService>();
        services.AddScoped<Quire.Core.Analytics.AnalyticsService>();
        services.AddScoped<Quire.Core.Settings.LookAndFeelService>();
        services.AddScoped<Quire.Core.ContentBody.ContentBodyService>();
        services.AddScoped<Quire.Core.ContentBody.BodyRenderer>();
        services.AddScoped<SearchIndexer>();
        services.AddScoped<SearchService>();

        // Long tasks: the queue, its runner, and one handler per task type.
        services.AddSingleton<LongTaskSignal>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<QuireOptions>>().Value.Tasks.Options());
        services.AddSingleton<LongTaskHeartbeat>();
        services.AddScoped<LongTaskService>();
        services.AddScoped<Quire.Core.ContentBody.BodyConverter>();
        services.AddScoped<LongTaskRunner>();
        services.AddScoped<ILongTaskHandler, SpaceDeletionHandler>();
        services.AddScoped<ILongTaskHandler, PageHierarchyCopyHandler>();
        services.AddScoped<ILongTaskHandler, PageTreeTrashHandler>();
        services.AddScoped<ILongTaskHandler, PageArchiveHandler>();
        services.AddScoped<ILongTaskHandler, Quire.Core.Roles.SpaceRoleUpdateHandler>();
        services.AddScoped<ILongTaskHandler, Quire.Core.Roles.SpacePermissionTransitionHandler>();
        services.AddScoped<ILongTaskHandler, Quire.Core.Roles.PermissionCombinationsHandler>();
        return services;
    }
}
