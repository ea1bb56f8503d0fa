using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Core.Tasks;
using Quire.Server.Api.ContentLabels;
using Quire.Server.Api.ContentProperties;
using Quire.Server.Api.Group;
using Quire.Server.Api.LongRunningTask;
using Quire.Server.Api.Space;
using Quire.Server.Api.SpaceProperties;
using Quire.Server.Api.SpaceSettings;
using Quire.Server.Api.Users;
using Quire.Server.Api;
using Quire.Server.ApiV2;
using Quire.Server.Authentication;
using Quire.Server.Http;

namespace Quire.Server.Hosting;

/// <summary>The web host: HTTP services, the middleware pipeline, and the routes.</summary>
public static class QuireWebApp
{
    /// <summary>
    /// The settings shipped beside the program (its log levels), also when it is started from another directory
    /// (<c>dotnet /opt/quire/quire.dll</c>), where ASP.NET Core finds no appsettings.json (it reads the working
    /// directory's) and logged every request. Added first, so the working directory's file, the environment and the
    /// command line still override them.
    /// </summary>
    private static void AddShippedSettings(ConfigurationManager configuration)
    {
        var shipped = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            Path = Path.Combine(AppContext.BaseDirectory, "appsettings.json"),
            Optional = true,
        };
        shipped.ResolveFileProvider();
        configuration.Sources.Insert(0, shipped);
    }

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        AddShippedSettings(builder.Configuration);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls("http://localhost:8090");
        var kestrelAnswers = new KestrelAnswers();
        builder.WebHost.ConfigureKestrel(kestrelAnswers.AddTo);

        var services = builder.Services;
        services.AddQuireCore(builder.Configuration);
        services.AddSingleton<BootstrapReport>();
        services.AddHostedService<StartupService>();
        // After StartupService: hosted services start in order, and the worker needs the migrated schema.
        services.AddHostedService<LongTaskWorker>();
        services.AddHostedService<Quire.Core.Analytics.ContentViewFlusher>();
        services.AddHostedService<Quire.Core.Permissions.GlobalPermissionChangeListener>();
        services.AddHostedService<Quire.Core.Security.SignInChangeListener>();
        services.AddHostedService<Quire.Core.Webhooks.WebhookChangeListener>();
        services.AddHostedService<Quire.Core.CommitListener>();
        services.AddHostedService<Quire.Core.Webhooks.WebhookDispatcher>();
        services.AddHttpContextAccessor();
        services.AddSingleton<Quire.Core.Audit.IRequestOrigin, HttpRequestOrigin>();
        services.ConfigureHttpJsonOptions(o => QuireJson.Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        // One key ring for the whole site, in its database (antiforgery tokens and cookies hold on every node).
        services.AddDataProtection().SetApplicationName("Quire");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new DatabaseKeyRepository(sp.GetRequiredService<Quire.Storage.Database>(), sp.GetRequiredService<TimeProvider>())));

        services.AddScoped<CallerContext>();
        services.AddScoped<Caller>(sp => sp.GetRequiredService<CallerContext>().Caller
                                         ?? throw new NotAuthenticatedException("This request requires authentication."));
        // One ASP.NET Core scheme; the credential schemes behind it are chosen by the Authorization header's scheme.
        services.AddAuthentication(CredentialAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, CredentialAuthenticationHandler>(CredentialAuthenticationHandler.SchemeName, null);
        services.AddSingleton<ICredentialScheme, BasicCredentials>();
        services.AddSingleton<ICredentialScheme, Quire.Server.OAuth.OAuthBearerCredentials>();
        services.AddSingleton<ICredentialScheme, ConnectJwtCredentials>();
        services.AddSingleton<ICredentialScheme, ConnectBearerCredentials>();
        services.AddSingleton<Quire.Server.Apps.OperationScopeCatalog>();
        // Every endpoint that requires authorization applies the site's rule: 'use' for signed-in
        // callers, reads only for the anonymous one (SiteAccess.cs).
        services.AddScoped<IAuthorizationHandler, SiteAccessHandler>();
        // The policy names no scheme: the authentication middleware has already signed the request in with the default
        // scheme (Quire's one), and a policy that names it makes the authorization middleware sign in again per request
        // (the handler's result is kept, but it is looked up and its principal merged into a new one each time).
        services.AddAuthorization(o => o.DefaultPolicy = new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser().AddRequirements(new SiteAccessRequirement()).Build());

        // Request budgets per user and per app, and the opt-in injected 429s (RateLimits/).
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<QuireOptions>>().Value.RateLimits.Validated());
        services.AddSingleton<Quire.Server.RateLimits.ApiRateLimiter>();
        services.AddSingleton(_ => new Quire.Server.RateLimits.RateLimitDice());

        // Links and the renderers that need nothing but links hold no request state (the request's origin is read
        // through IHttpContextAccessor), so a request builds none of them.
        services.AddSingleton<ApiLinks>();
        // OAuth 2.0 (3LO): the consent form's antiforgery cookie, and the site's identity apps see.
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "quire-authorize";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax; // Strict would drop it after a link from another site, and an open editor's post would fail
            o.FormFieldName = "__antiforgery";
        });
        services.AddSingleton<Quire.Server.OAuth.CloudIdCache>();
        services.AddScoped<Quire.Server.OAuth.SiteIdentity>();
        services.AddScoped<Quire.Server.ApiV2.Common.V2Links>();
        services.AddScoped<Quire.Server.ApiV2.Common.V2BodyFormat>();
        services.AddScoped<Quire.Server.ApiV2.Common.V2ContentRenderer>();
        services.AddScoped<Quire.Server.ApiV2.Common.V2ContentListing>();
        services.AddScoped<Quire.Server.ApiV2.Common.V2ContentOperations>();
        services.AddScoped<Quire.Server.ApiV2.TreeContent.V2TreeContentOperations>();
        services.AddScoped<Quire.Server.ApiV2.Common.V2ContentIncludes>();
        services.AddScoped<Quire.Server.ApiV2.Attachment.V2AttachmentRenderer>();
        services.AddScoped<Quire.Server.ApiV2.Comment.V2CommentRenderer>();
        services.AddScoped<Quire.Server.ApiV2.Comment.CommentListing>();
        services.AddScoped<Quire.Server.ApiV2.CustomContent.V2CustomContentRenderer>();
        services.AddScoped<Quire.Server.ApiV2.CustomContent.CustomContentListing>();
        // The rendered bodies that need absolute URLs (export_view) take them from the request's base, as _links.base does.
        services.AddSingleton<Quire.Core.ContentBody.ISiteBaseUrl>(sp => sp.GetRequiredService<ApiLinks>());
        services.AddSingleton<UserRenderer>();
        services.AddScoped<UserExpansions>();
        services.AddSingleton<GroupRenderer>();
        services.AddSingleton<Quire.Server.Api.ContentRestrictions.RestrictionRenderer>();
        services.AddScoped<Quire.Server.Api.ContentRestrictions.RestrictionSetLoader>();
        services.AddScoped<Quire.Server.Api.ContentRestrictions.ContentRestrictionResponses>();
        services.AddSingleton<SpaceRenderer>();
        services.AddScoped<SpaceExpansions>();
        services.AddSingleton<Quire.Server.Api.Content.ContentRenderer>();
        services.AddScoped<Quire.Server.Api.Content.ContentExpansions>();
        services.AddSingleton<SpaceSettingsRenderer>();
        services.AddScoped<SpacePropertyRenderer>();
        services.AddScoped<LongTaskRenderer>();
        services.AddScoped<ContentLabelExpansion>();
        services.AddScoped<ContentPropertyRenderer>();
        services.AddScoped<ContentPropertyExpansion>();
        services.AddScoped<Quire.Server.Api.Relation.RelationRenderer>();
        services.AddScoped<Quire.Server.Api.Template.TemplateRenderer>();
        services.AddScoped<Quire.Server.Api.ContentAttachments.AttachmentUploadReader>();
        // The web interface (Web/): Razor Pages, its sessions and static files.
        Quire.Server.Web.WebHosting.AddQuireWeb(services);
        // Its editing side (Web/Editing): create, edit, history, comments, uploads, trash, move, admin.
        Quire.Server.Web.Editing.WebEditingHosting.AddQuireWebEditing(services);

        var app = builder.Build();
        // Settings checked where they are first built are built now, so a bad value stops the start with its message
        // rather than answering 500 to the first request that needs it.
        _ = app.Services.GetRequiredService<Quire.Core.Security.WebSessionOptions>();
        _ = app.Services.GetRequiredService<Quire.Core.Webhooks.WebhookOptions>();
        _ = app.Services.GetRequiredService<Quire.Core.OAuth.OAuthOptions>();
        _ = app.Services.GetRequiredService<Quire.Storage.Search.SearchOptions>();
        _ = app.Services.GetRequiredService<Quire.Server.Http.RenderedAnswerOptions>();
        _ = app.Services.GetRequiredService<Quire.Server.RateLimits.RateLimitSettings>();
        app.Use(kestrelAnswers.MarkRequests);
        app.UseMiddleware<ErrorHandlingMiddleware>();
        // The gateway's /ex/confluence/{cloudId}/... paths become the site's before routing picks an endpoint.
        app.UseMiddleware<Quire.Server.Gateway.GatewayPathMiddleware>();
        // Before routing, so an error page is routed: a browser's error is an HTML page (Web/); and the static files.
        Quire.Server.Web.WebHosting.UseQuireWebPages(app);
        app.UseRouting();
        app.UseMiddleware<RequestSizeLimitMiddleware>();
        app.UseMiddleware<NulCharacterMiddleware>();
        app.UseStatusCodePages(async context =>
        {
            // Routing's own 404 and 405 get Confluence's error body too.
            var response = context.HttpContext.Response;
            if (Quire.Server.Web.WebHosting.IsBrowserRequest(context.HttpContext)) return; // its HTML page comes from UseQuireWebPages
            if (response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
                await ErrorBody.WriteAsync(context.HttpContext, response.StatusCode, response.StatusCode switch
                {
                    404 => $"No API resource at {context.HttpContext.Request.Path}.",
                    405 => $"{context.HttpContext.Request.Method} is not allowed on {context.HttpContext.Request.Path}.",
                    _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(response.StatusCode),
                });
        });
        // Before sign-in, so an injected 429 costs nothing and changes nothing.
        app.UseMiddleware<Quire.Server.RateLimits.InjectedRateLimitMiddleware>();
        app.UseAuthentication();
        Quire.Server.Web.WebHosting.UseQuireWebVisitor(app);
        // After sign-in names the caller (whose budget), before authorization and the handler.
        app.UseMiddleware<Quire.Server.RateLimits.RateLimitMiddleware>();
        app.UseAuthorization();
        // After sign-in and before any handler reads the body: an app's scopes must allow the operation.
        app.UseMiddleware<Quire.Server.Apps.AppScopeMiddleware>();
        // After sign-in: nobody unknown makes the server read a whole body.
        app.UseMiddleware<JsonBodyCheckMiddleware>();

        app.MapGet("/status", () => Results.Json(new { state = "RUNNING" })).AllowAnonymous();
        app.MapQuireApi();
        app.MapQuireApiV2();
        Quire.Server.OAuth.OAuthRoutes.MapOAuth(app);
        Quire.Server.Connect.ConnectServices.MapConnectApps(app);
        Quire.Server.Web.WebHosting.MapQuireWeb(app);
        Quire.Server.Web.Editing.WebEditingHosting.MapQuireWebEditing(app);
        return app;
    }
}
