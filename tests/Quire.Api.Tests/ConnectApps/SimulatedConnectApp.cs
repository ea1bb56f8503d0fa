using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Quire.Api.Tests.ConnectApps;

/// <summary>A lifecycle callback the app got, with the payload and the claims of the JWT that signed it (verified).</summary>
public sealed record LifecycleCall(string EventType, JsonObject Payload, JsonWebToken Token);

/// <summary>A webhook the app got, with its body and the verified JWT.</summary>
public sealed record AppWebhook(string Path, string Event, string Body, JsonWebToken Token);

/// <summary>
/// A Connect app on 127.0.0.1 (Kestrel, in this process), under the base path <c>/app</c>: it serves its
/// descriptor, checks every lifecycle callback and webhook Quire sends as a Connect app must (installed and
/// uninstalled RS256 with the public key Quire publishes for the header's kid and <c>aud</c> its baseUrl,
/// the rest HS256 with the shared secret, <c>iss</c> the client key, <c>qsh</c> of the request), using a JWT
/// library, and signs its own calls to Quire with the shared secret it received. Whatever fails a check is
/// recorded in <see cref="Failures"/>, which tests expect empty.
/// </summary>
public sealed class SimulatedConnectApp : IAsyncDisposable
{
    private readonly WebApplication _web;
    private readonly ConcurrentQueue<LifecycleCall> _lifecycle = new();
    private readonly ConcurrentQueue<AppWebhook> _webhooks = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly ConcurrentQueue<string> _installedSecrets = new();
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    private SimulatedConnectApp(WebApplication web) => _web = web;

    public string Key { get; private set; } = "";
    public string BaseUrl { get; private set; } = "";
    public string DescriptorUrl => BaseUrl + "/atlassian-connect.json";
    public JsonObject Descriptor { get; set; } = new();

    /// <summary>What the installed callback answers (200 unless a test says otherwise).</summary>
    public HttpStatusCode InstalledAnswer { get; set; } = HttpStatusCode.OK;

    /// <summary>Fetches Quire's public install key (PEM) for a kid, as an app fetches it from the key service.</summary>
    public required Func<string, Task<string?>> FetchPublicKey { get; init; }

    public string? ClientKey { get; private set; }
    public string? SharedSecret { get; private set; }
    public string? OAuthClientId { get; private set; }
    public IReadOnlyList<LifecycleCall> Lifecycle => [.. _lifecycle];
    public IReadOnlyList<AppWebhook> Webhooks => [.. _webhooks];
    public IReadOnlyList<string> Failures => [.. _failures];

    /// <summary>The shared secret of every verified installed callback, whatever the app answered it.</summary>
    public IReadOnlyList<string> InstalledSecrets => [.. _installedSecrets];

    /// <summary>The descriptor sent one byte every 200 ms (a body that trickles), for the fetch's deadline.</summary>
    public string SlowDescriptorUrl => BaseUrl + "/slow-descriptor.json";

    /// <summary>The descriptor cut short: a Content-Length it never reaches, then the connection dropped.</summary>
    public string TruncatedDescriptorUrl => BaseUrl + "/truncated-descriptor.json";

    /// <summary>Starts an app with this key and scopes; <paramref name="webhooks"/> are (event, url) pairs for its descriptor.</summary>
    public static async Task<SimulatedConnectApp> StartAsync(
        string key, string[] scopes, Func<string, Task<string?>> fetchPublicKey, (string Event, string Url)[]? webhooks = null,
        JsonObject? modules = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var web = builder.Build();
        var app = new SimulatedConnectApp(web) { FetchPublicKey = fetchPublicKey, Key = key };
        web.MapGet("/app/atlassian-connect.json", () => Results.Text(app.Descriptor.ToJsonString(), "application/json"));
        web.MapPost("/app/lifecycle/{eventType}", app.LifecycleAsync);
        web.MapGet("/app/slow-descriptor.json", app.SlowDescriptorAsync);
        web.MapGet("/app/truncated-descriptor.json", app.TruncatedDescriptorAsync);
        web.MapPost("/app/hooks/{**path}", app.WebhookAsync);
        await web.StartAsync();
        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        app.BaseUrl = address.TrimEnd('/') + "/app";
        var declared = modules?.DeepClone().AsObject() ?? [];
        if (webhooks is { Length: > 0 })
            declared["webhooks"] = new JsonArray([.. webhooks.Select(w => (JsonNode)new JsonObject { ["event"] = w.Event, ["url"] = w.Url })]);
        app.Descriptor = new JsonObject
        {
            ["key"] = key, ["name"] = "Simulated " + key, ["description"] = "A test app", ["baseUrl"] = app.BaseUrl,
            ["authentication"] = new JsonObject { ["type"] = "jwt" },
            ["lifecycle"] = new JsonObject
            {
                ["installed"] = "/lifecycle/installed", ["uninstalled"] = "/lifecycle/uninstalled",
                ["enabled"] = "/lifecycle/enabled", ["disabled"] = "/lifecycle/disabled",
            },
            ["apiMigrations"] = new JsonObject { ["signed-install"] = true },
            ["scopes"] = new JsonArray([.. scopes.Select(s => (JsonNode)s.ToLowerInvariant())]),
            ["modules"] = declared,
        };
        return app;
    }

    private async Task<IResult> LifecycleAsync(string eventType, HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var payload = JsonNode.Parse(body) as JsonObject;
        var token = Bearer(context);
        if (payload is null || token is null) return Fail(HttpStatusCode.BadRequest, $"{eventType}: no payload or no JWT");
        JsonWebToken? verified;
        if (eventType is "installed" or "uninstalled")
        {
            // Signed install: RS256, the key fetched by kid, aud the app's baseUrl; only then is the shared secret trusted.
            var header = Handler.ReadJsonWebToken(token);
            if (header.Alg != SecurityAlgorithms.RsaSha256 || string.IsNullOrEmpty(header.Kid))
                return Fail(HttpStatusCode.Unauthorized, $"{eventType}: not signed RS256 with a kid ({header.Alg})");
            var pem = await FetchPublicKey(header.Kid);
            if (pem is null) return Fail(HttpStatusCode.Unauthorized, $"{eventType}: no public key for kid {header.Kid}");
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            verified = await VerifyAsync(token, new RsaSecurityKey(rsa), audience: BaseUrl);
        }
        else verified = SharedSecret is null ? null : await VerifyAsync(token, new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SharedSecret)), null);
        if (verified is null) return Fail(HttpStatusCode.Unauthorized, $"{eventType}: the JWT does not verify");
        if (verified.Issuer != (string?)payload["clientKey"]) return Fail(HttpStatusCode.Unauthorized, $"{eventType}: iss is not the clientKey");
        if (verified.GetPayloadValue<string>("qsh") != Qsh("POST", $"/lifecycle/{eventType}", ""))
            return Fail(HttpStatusCode.Unauthorized, $"{eventType}: qsh does not match");
        if (eventType == "installed")
        {
            _installedSecrets.Enqueue((string?)payload["sharedSecret"] ?? "");
            if (InstalledAnswer != HttpStatusCode.OK) return Results.StatusCode((int)InstalledAnswer);
            (ClientKey, SharedSecret, OAuthClientId) = ((string?)payload["clientKey"], (string?)payload["sharedSecret"], (string?)payload["oauthClientId"]);
        }
        _lifecycle.Enqueue(new LifecycleCall(eventType, payload, verified));
        return Results.Ok();
    }

    private async Task SlowDescriptorAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(new string(' ', 150) + Descriptor.ToJsonString());
        try
        {
            foreach (var b in bytes)
            {
                await context.Response.Body.WriteAsync(new[] { b }, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(200, context.RequestAborted);
            }
        }
        catch (OperationCanceledException) { }
    }

    private async Task TruncatedDescriptorAsync(HttpContext context)
    {
        var bytes = Encoding.UTF8.GetBytes(Descriptor.ToJsonString());
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length + 1000;
        await context.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
        await context.Response.Body.FlushAsync();
        // Quire has the headers by now and reads the body when the connection drops (an HttpIOException, not an HttpRequestException).
        await Task.Delay(500);
        context.Abort();
    }

    private async Task<IResult> WebhookAsync(string path, HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var token = Bearer(context);
        if (token is null || SharedSecret is null) return Fail(HttpStatusCode.Unauthorized, $"webhook {path}: no JWT");
        var verified = await VerifyAsync(token, new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SharedSecret)), null);
        if (verified is null || verified.Issuer != ClientKey) return Fail(HttpStatusCode.Unauthorized, $"webhook {path}: the JWT does not verify");
        var query = context.Request.QueryString.Value ?? "";
        if (verified.GetPayloadValue<string>("qsh") != Qsh("POST", "/hooks/" + path, query.TrimStart('?')))
            return Fail(HttpStatusCode.Unauthorized, $"webhook {path}: qsh does not match");
        _webhooks.Enqueue(new AppWebhook(path, context.Request.Headers["X-Event-Key"].ToString(), body, verified));
        return Results.Ok();
    }

    private IResult Fail(HttpStatusCode status, string why)
    {
        _failures.Enqueue(why);
        return Results.StatusCode((int)status);
    }

    private static string? Bearer(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("JWT ", StringComparison.Ordinal) ? header[4..] : null;
    }

    private static async Task<JsonWebToken?> VerifyAsync(string token, SecurityKey key, string? audience)
    {
        var result = await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = key, ValidateIssuer = false, ValidateAudience = audience is not null, ValidAudience = audience,
            RequireExpirationTime = true, ValidateLifetime = true,
        });
        return result.IsValid ? (JsonWebToken)result.SecurityToken : null;
    }

    /// <summary>
    /// The query string hash, written here again from Atlassian's description rather than taken from Quire,
    /// for the simple requests tests make: the query must already be in canonical form (sorted, encoded).
    /// </summary>
    public static string Qsh(string method, string path, string canonicalQuery) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{method}&{path}&{canonicalQuery}")));

    /// <summary>
    /// A JWT for a call to Quire at <paramref name="path"/> (below <c>/wiki</c>) with this canonical query: iss the
    /// app's key (or <paramref name="issuer"/>), signed with the shared secret (or <paramref name="secret"/>).
    /// </summary>
    public string Sign(string method, string path, string canonicalQuery = "", string? issuer = null, string? secret = null,
        TimeSpan? expiresIn = null, string? qsh = null)
    {
        var now = DateTimeOffset.UtcNow;
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["iss"] = issuer ?? Key,
                ["iat"] = now.ToUnixTimeSeconds(),
                ["exp"] = (now + (expiresIn ?? TimeSpan.FromMinutes(3))).ToUnixTimeSeconds(),
                ["qsh"] = qsh ?? Qsh(method, path, canonicalQuery),
            },
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret ?? SharedSecret!)), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>A user-impersonation assertion (RFC 7523) for the user, as Connect apps write it.</summary>
    public string Assertion(string accountId, string audience, string? secret = null, string? oauthClientId = null)
    {
        var now = DateTimeOffset.UtcNow;
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["iss"] = "urn:atlassian:connect:clientid:" + (oauthClientId ?? OAuthClientId!),
                ["sub"] = "urn:atlassian:connect:useraccountid:" + accountId,
                ["tnt"] = "http://localhost/wiki",
                ["aud"] = audience,
                ["iat"] = now.ToUnixTimeSeconds(),
                ["exp"] = (now + TimeSpan.FromMinutes(1)).ToUnixTimeSeconds(),
            },
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret ?? SharedSecret!)), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>Waits until the app has got what <paramref name="done"/> asks; fails with what it got otherwise.</summary>
    public async Task WaitForAsync(Func<SimulatedConnectApp, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!done(this))
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"The app did not get {what}; lifecycle: {string.Join(", ", Lifecycle.Select(l => l.EventType))}; " +
                            $"webhooks: {string.Join(", ", Webhooks.Select(w => w.Event))}; failures: {string.Join("; ", Failures)}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync();
        await _web.DisposeAsync();
    }
}
