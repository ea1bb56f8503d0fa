using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quire.Core.ConnectApps;
using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Server.Authentication;
using Quire.Server.Http;

namespace Quire.Server.Connect;

/// <summary>
/// <c>/wiki/rest/plugins/1.0/</c>: Connect apps installed, listed, enabled, disabled and uninstalled as
/// the Universal Plugin Manager's REST API does it, so tools that install apps in development (ACE's
/// auto-install, <c>atlas-connect</c>-style scripts) work unchanged: <c>GET /</c> lists the apps and
/// hands out a <c>upm-token</c> header; <c>POST /</c> with <c>{"pluginUri": "..."}</c> (or
/// <c>{"descriptor": {...}}</c>) installs and answers 202 with a <c>links.self</c> to poll;
/// <c>GET /pending/{key}</c> answers the installed app; <c>GET|PUT|DELETE /{key}-key</c> read, enable or
/// disable (<c>{"enabled": false}</c>) and uninstall. Site admins only; Quire installs at once, so the
/// token is accepted but not required, and a failed install answers 400 at once.
/// </summary>
public static class PluginsApi
{
    public const string Base = "/wiki/rest/plugins/1.0";

    public static IEndpointRouteBuilder MapPluginsApi(this IEndpointRouteBuilder app)
    {
        var plugins = app.MapGroup(Base).RequireAuthorization().RequireSignIn();
        plugins.MapGet("/", ListPlugins);
        plugins.MapPost("/", InstallPlugin);
        plugins.MapGet("/pending/{pluginKey}", GetPending);
        plugins.MapGet("/{pluginKey}-key", GetPlugin);
        plugins.MapPut("/{pluginKey}-key", UpdatePlugin);
        plugins.MapDelete("/{pluginKey}-key", UninstallPlugin);
        return app;
    }

    private static async Task<PluginListJson> ListPlugins(HttpResponse response, Caller caller, ConnectAppService apps, CancellationToken ct)
    {
        var list = await apps.ListAsync(NotAnApp(caller), ct);
        // UPM's anti-forgery token; Quire's Basic or JWT authentication needs none, but tools read it before they post.
        response.Headers["upm-token"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return new PluginListJson([.. list.Select(PluginJson.Of)], new PluginLinksJson(Base + "/"));
    }

    private static async Task<IResult> InstallPlugin(HttpRequest request, Caller caller, ConnectAppService apps, CancellationToken ct)
    {
        NotAnApp(caller);
        var view = await apps.InstallAsync(caller, await InstallRequestAsync(request, ct), ct);
        var pending = $"{Base}/pending/{Uri.EscapeDataString(view.App.AppKey)}";
        return TypedResults.Json(new InstallTaskJson("INSTALL", 100, new InstallStatusJson(false, 200),
            new InstallTaskLinksJson(pending, PluginJson.Self(view.App.AppKey))), QuireJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The install "task": Quire installs at once, so it is the installed app (UPM's answer once its task is done).</summary>
    private static async Task<PluginJson> GetPending(string pluginKey, Caller caller, ConnectAppService apps, CancellationToken ct) =>
        PluginJson.Of(await apps.GetAsync(NotAnApp(caller), pluginKey, ct));

    private static async Task<PluginJson> GetPlugin(string pluginKey, Caller caller, ConnectAppService apps, CancellationToken ct) =>
        PluginJson.Of(await apps.GetAsync(NotAnApp(caller), pluginKey, ct));

    private static async Task<PluginJson> UpdatePlugin(string pluginKey, HttpRequest request, Caller caller, ConnectAppService apps, CancellationToken ct)
    {
        var body = await JsonBodyAsync(request, ct);
        if (body is not JsonObject plugin || plugin["enabled"] is not JsonValue value || !value.TryGetValue<bool>(out var enabled))
            throw new BadRequestException("The body must say whether the app is enabled: {\"enabled\": true} or {\"enabled\": false}.");
        return PluginJson.Of(await apps.SetEnabledAsync(NotAnApp(caller), pluginKey, enabled, ct));
    }

    private static async Task<IResult> UninstallPlugin(string pluginKey, Caller caller, ConnectAppService apps, CancellationToken ct)
    {
        await apps.UninstallAsync(NotAnApp(caller), pluginKey, ct);
        return TypedResults.NoContent();
    }

    /// <summary><c>pluginUri</c> (UPM's install by URL), or <c>descriptor</c> (the descriptor itself, an object or its text).</summary>
    private static async Task<ConnectInstallRequest> InstallRequestAsync(HttpRequest request, CancellationToken ct)
    {
        var body = await JsonBodyAsync(request, ct) as JsonObject
                   ?? throw new BadRequestException("The body must be {\"pluginUri\": \"<descriptor URL>\"} or {\"descriptor\": {...}}.");
        var uri = body["pluginUri"] is JsonValue u && u.TryGetValue<string>(out var text) ? text : null;
        var descriptor = body["descriptor"] switch
        {
            JsonObject inline => inline.ToJsonString(),
            JsonValue s when s.TryGetValue<string>(out var json) => json,
            _ => null,
        };
        if (uri is null && descriptor is null)
            throw new BadRequestException("The body must be {\"pluginUri\": \"<descriptor URL>\"} or {\"descriptor\": {...}}.");
        return new ConnectInstallRequest(uri, descriptor);
    }

    /// <summary>The body as JSON, whatever UPM media type it was sent as (<c>application/vnd.atl.plugins...+json</c>); 400 when it is not JSON.</summary>
    private static async Task<JsonNode?> JsonBodyAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            // Duplicate keys are refused here; JsonObject would throw ArgumentException (a 500) when the key is read.
            return await JsonNode.ParseAsync(request.Body, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }, cancellationToken: ct);
        }
        catch (JsonException e)
        {
            throw new BadRequestException($"The body is not valid JSON: {e.Message}");
        }
    }

    /// <summary>Apps do not install apps: managing them takes a site admin signed in as themselves.</summary>
    private static Caller NotAnApp(Caller caller) =>
        caller.App is null ? caller : throw new ForbiddenException("Apps cannot manage apps: sign in as a site administrator.");
}

public sealed record PluginListJson(IReadOnlyList<PluginJson> Plugins, PluginLinksJson Links);

public sealed record PluginLinksJson(string Self);

/// <summary>An installed Connect app as UPM describes a plugin, with what Quire adds: its baseUrl, client key, scopes and app user.</summary>
public sealed record PluginJson(
    string Key, string Name, bool Enabled, bool UserInstalled, bool Optional, bool Static, bool Unloadable, string? Description,
    PluginLinksJson Links, string BaseUrl, string ClientKey, IReadOnlyList<string> Scopes, PluginAppUserJson AppUser, string InstalledAt)
{
    public static string Self(string key) => $"{PluginsApi.Base}/{Uri.EscapeDataString(key)}-key";

    public static PluginJson Of(ConnectAppView view)
    {
        var app = view.App;
        var description = JsonNode.Parse(app.Descriptor)?["description"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        return new PluginJson(app.AppKey, app.Name, app.Enabled, true, true, false, true, description, new PluginLinksJson(Self(app.AppKey)),
            app.BaseUrl, app.ClientKey, [.. app.ScopeSet.Order(StringComparer.Ordinal)],
            new PluginAppUserJson(view.AppUser.AccountId, view.AppUser.AccountType, view.AppUser.DisplayName), QuireJson.Date(app.InstalledAt));
    }
}

public sealed record PluginAppUserJson(string AccountId, string AccountType, string DisplayName);

public sealed record InstallTaskJson(string Type, int PingAfter, InstallStatusJson Status, InstallTaskLinksJson Links);

public sealed record InstallStatusJson(bool Done, int StatusCode);

public sealed record InstallTaskLinksJson(string Self, string Alternate);
