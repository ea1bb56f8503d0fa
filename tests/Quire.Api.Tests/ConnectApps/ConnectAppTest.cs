using System.Net;
using System.Net.Http.Headers;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.ConnectApps;

/// <summary>
/// Base of Connect app tests: simulated apps of the test's own, installed through UPM's REST API
/// (<c>/wiki/rest/plugins/1.0/</c>) as ACE's auto-install does, and uninstalled with the app when the test ends.
/// </summary>
public abstract class ConnectAppTest(ServerFixture fixture) : ApiTest(fixture), IAsyncLifetime
{
    protected const string Plugins = "/wiki/rest/plugins/1.0/";
    private readonly List<SimulatedConnectApp> _apps = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
        {
            if (Fixture.Server is not null) await Admin.Delete($"{Plugins}{app.Key}-key");
            await app.DisposeAsync();
        }
    }

    /// <summary>Starts an app (not yet installed) with a unique key, these scopes and descriptor webhooks.</summary>
    protected async Task<SimulatedConnectApp> StartAppAsync(string[] scopes, (string Event, string Url)[]? webhooks = null,
        System.Text.Json.Nodes.JsonObject? modules = null)
    {
        var server = Server;
        var app = await SimulatedConnectApp.StartAsync("test-app-" + Unique(), scopes, async kid =>
        {
            var answer = await server.Anonymous().Get($"/connect-install-keys/{kid}");
            return answer.Status == HttpStatusCode.OK ? answer.Body : null;
        }, webhooks, modules);
        _apps.Add(app);
        return app;
    }

    /// <summary>Installs the app by its descriptor URL, as UPM does; answers the installed plugin.</summary>
    protected async Task<System.Text.Json.Nodes.JsonNode> InstallAsync(SimulatedConnectApp app)
    {
        var task = (await Admin.PostJson(Plugins, new { pluginUri = app.DescriptorUrl })).Expect(HttpStatusCode.Accepted).Json!;
        var pending = (string)task["links"]!["self"]!;
        return (await Admin.Get(pending)).Expect(HttpStatusCode.OK).Json!;
    }

    /// <summary>Starts and installs an app.</summary>
    protected async Task<SimulatedConnectApp> InstalledAppAsync(string[] scopes, (string Event, string Url)[]? webhooks = null)
    {
        var app = await StartAppAsync(scopes, webhooks);
        await InstallAsync(app);
        return app;
    }

    /// <summary>
    /// Calls Quire as the app: <paramref name="path"/> below <c>/wiki</c>, <paramref name="query"/> already in
    /// canonical form, the JWT in the Authorization header (or, with <paramref name="inQuery"/>, in <c>?jwt=</c>).
    /// </summary>
    protected async Task<ApiResponse> AsAppAsync(
        SimulatedConnectApp app, HttpMethod method, string path, string query = "", string? jwt = null, object? body = null, bool inQuery = false)
    {
        jwt ??= app.Sign(method.Method, path, query);
        var url = "/wiki" + path + (query.Length > 0 ? "?" + query : "");
        if (inQuery) url += (query.Length > 0 ? "&" : "?") + "jwt=" + jwt;
        var client = Server.Anonymous();
        if (!inQuery) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("JWT", jwt);
        return await client.Call(method, url, body is null ? null : System.Net.Http.Json.JsonContent.Create(body));
    }
}
