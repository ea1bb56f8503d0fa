using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Infrastructure;
using Quire.Core.Apps;
using Quire.Core.Security;
using Quire.Server.Apps;
using Quire.Server.Authentication;
using Quire.Storage.Users;

namespace Quire.Api.Tests.Apps;

/// <summary>
/// The scopes Quire demands of apps are the specs' own, and every routed operation of the specs finds
/// them; the scope check refuses an app lacking them in Atlassian's answers and leaves users' own requests alone.
/// </summary>
public sealed class OperationScopeCatalogTests
{
    private static readonly OperationScopeCatalog Catalog = new();

    [Fact]
    public void The_embedded_catalog_holds_every_operation_of_both_specs_with_their_scopes()
    {
        var expected = new Dictionary<string, OperationScopes>();
        foreach (var (spec, isV1) in new[] { (SpecDocument.V1.Value, true), (SpecDocument.V2.Value, false) })
        foreach (var operation in spec.Operations)
        {
            List<string> classic = [], granular = [];
            foreach (var declared in operation.Node["x-atlassian-oauth2-scopes"]?.AsArray() ?? [])
            {
                var scopes = declared!["scopes"]!.AsArray().Select(s => (string)s!);
                // v1 declares the classic scopes as "Current" and the granular ones as "Beta"; v2 has granular scopes only.
                (isV1 && (string?)declared["state"] == "Current" ? classic : granular).AddRange(scopes);
            }
            expected[OperationScopeCatalog.Key(operation.Method, operation.PathTemplate)] =
                new OperationScopes(operation.OperationId, classic, granular, (string?)operation.Node["x-atlassian-connect-scope"]);
        }

        Assert.Equal(363, expected.Count);
        Assert.Equal(expected.Keys.Order(), Catalog.Operations.Keys.Order());
        foreach (var (key, scopes) in expected)
        {
            var held = Catalog.Operations[key];
            Assert.True(scopes.OperationId == held.OperationId && scopes.Connect == held.Connect
                        && scopes.Classic.SequenceEqual(held.Classic) && scopes.Granular.SequenceEqual(held.Granular),
                $"{key}: the catalog (src/Quire.Server/Apps/operation-scopes.json) differs from the spec; regenerate it.");
        }
    }

    [Fact]
    public void Every_routed_operation_of_the_specs_finds_its_scopes_and_quire_only_routes_find_none()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "quire-scopes-" + Guid.NewGuid().ToString("N")[..8]);
        using (var server = new QuireServer("sqlite", new() { ["Quire:Database:Provider"] = "sqlite", ["Quire:DataDirectory"] = dataDirectory }))
        {
            var catalog = server.Services.GetRequiredService<OperationScopeCatalog>();
            var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
            var found = endpoints.Select(catalog.For).OfType<OperationScopes>().ToHashSet(ReferenceEqualityComparer.Instance);
            // Every spec operation Quire routes (all but the three Dynamic modules operations, until they are) has its scopes.
            var missing = catalog.Operations.Where(o => !found.Contains(o.Value)).Select(o => o.Key).ToList();
            Assert.True(missing.All(k => k.Contains("/atlassian-connect/1/app/module/dynamic")), "routed but without scopes: " + string.Join(", ", missing));
            Assert.Contains(catalog.Operations["GET /wiki/rest/api/content/{}"], found);
            Assert.Contains(catalog.Operations["GET /wiki/api/v2/pages/{}"], found);
            var webhooks = endpoints.First(e => e.RoutePattern.RawText!.TrimEnd('/').EndsWith("webhooks", StringComparison.Ordinal));
            Assert.Null(catalog.For(webhooks));
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }

    [Fact]
    public async Task An_oauth_app_lacking_the_scopes_gets_the_gateways_401_naming_them()
    {
        var (context, ran) = await RunAsync(new AppAccess(AppKind.OAuth, "client-1", new HashSet<string> { "read:confluence-space.summary" }));
        Assert.False(ran);
        Assert.Equal(401, context.Response.StatusCode);
        var body = Body(context);
        Assert.Equal(401, (int?)body["code"]);
        Assert.StartsWith("Unauthorized; scope does not match.", (string?)body["message"]);
        Assert.Contains("write:confluence-content (classic)", (string?)body["message"]);
    }

    [Fact]
    public async Task A_connect_app_lacking_the_scope_gets_403_naming_it()
    {
        var (context, ran) = await RunAsync(new AppAccess(AppKind.Connect, "my-app", new HashSet<string> { "READ" }));
        Assert.False(ran);
        Assert.Equal(403, context.Response.StatusCode);
        Assert.Contains("'WRITE'", (string?)Body(context)["message"]);
    }

    [Fact]
    public async Task Apps_holding_the_scopes_and_users_calling_directly_pass()
    {
        Assert.True((await RunAsync(new AppAccess(AppKind.OAuth, "c", new HashSet<string> { "write:confluence-content" }))).Ran);
        Assert.True((await RunAsync(new AppAccess(AppKind.Connect, "a", new HashSet<string> { "WRITE" }))).Ran);
        Assert.True((await RunAsync(null)).Ran);
    }

    /// <summary>Runs the scope check for <c>POST /wiki/rest/api/content</c> (createContent) as a caller reaching it through <paramref name="app"/>.</summary>
    private static async Task<(HttpContext Context, bool Ran)> RunAsync(AppAccess? app)
    {
        var ran = false;
        var middleware = new AppScopeMiddleware(_ => { ran = true; return Task.CompletedTask; }, Catalog);
        var context = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        context.Request.Method = "POST";
        context.Request.Path = "/wiki/rest/api/content";
        context.SetEndpoint(new RouteEndpoint(_ => Task.CompletedTask, Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse("/wiki/rest/api/content"),
            0, new EndpointMetadataCollection(new HttpMethodMetadata(["POST"])), "createContent"));
        var user = new Caller(new UserRecord { Id = 7, AccountId = "acc-7", UserName = "u", Email = "u@x", DisplayName = "U" }, new HashSet<string>(), isSiteAdmin: false);
        var callers = new CallerContext { Caller = app is null ? user : user.ThroughApp(app) };
        await middleware.InvokeAsync(context, callers);
        return (context, ran);
    }

    private static JsonNode Body(HttpContext context) =>
        JsonNode.Parse(((MemoryStream)context.Response.Body).ToArray())!;
}
