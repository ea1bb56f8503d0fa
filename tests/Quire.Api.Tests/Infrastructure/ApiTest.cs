using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Quire.Api.Tests.Infrastructure;

/// <summary>
/// Base of every HTTP test class. Each test class is abstract and has two concrete
/// subclasses, one per engine, so every API test runs on SQLite and on PostgreSQL.
/// </summary>
public abstract class ApiTest(ServerFixture fixture)
{
    protected ServerFixture Fixture => fixture;

    protected QuireServer Server
    {
        get
        {
            Skip.If(fixture.Server is null, fixture.UnavailableReason);
            return fixture.Server!;
        }
    }

    protected HttpClient Admin => _admin ??= Server.Admin();
    private HttpClient? _admin;

    /// <summary>A short unique suffix, so tests sharing one server never collide.</summary>
    protected static string Unique() => Guid.NewGuid().ToString("N")[..10];

    /// <summary>Creates a user through the admin endpoint and signs in as it with its password.</summary>
    protected async Task<TestUser> NewUserAsync(string? displayName = null)
    {
        var id = Unique();
        var password = "pw-" + id;
        var created = await Admin.PostJson("/wiki/rest/api/admin/user", new
        {
            userName = "user" + id,
            email = $"user{id}@example.test",
            displayName = displayName ?? $"User {id}",
            password,
        });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var accountId = (string)created.Json!["accountId"]!;
        return new TestUser(accountId, $"user{id}@example.test", "user" + id, Server.SignedIn($"user{id}@example.test", password));
    }
}

public sealed record TestUser(string AccountId, string Email, string UserName, HttpClient Client);

/// <summary>A response with its status and, when there is one, its JSON body.</summary>
public sealed record ApiResponse(HttpStatusCode Status, JsonNode? Json, string Body, HttpResponseMessage Message)
{
    /// <summary>The error body's message, for asserting that a 4xx says what is wrong.</summary>
    public string? ErrorMessage => (string?)Json?["message"] ?? (string?)Json?["errors"]?[0]?["title"];

    /// <summary>Asserts the status, showing the body when it differs.</summary>
    public ApiResponse Expect(HttpStatusCode status)
    {
        Assert.True(Status == status, $"Expected {(int)status} {status} but got {(int)Status} {Status}: {Body}");
        return this;
    }

    /// <summary>Asserts v2's error body (<c>{"errors":[{status, code, title, detail}]}</c>) with this status and a message.</summary>
    public ApiResponse ExpectV2Error(HttpStatusCode status)
    {
        Expect(status);
        var error = Json?["errors"]?[0];
        Assert.True(error is not null, $"Expected v2's error body, got: {Body}");
        Assert.Equal((int)status, (int?)error!["status"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)error["code"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)error["title"]));
        Assert.True(error.AsObject().ContainsKey("detail"), "v2's error carries detail, null when there is nothing more to say.");
        return this;
    }

    /// <summary>Asserts a Confluence error body with this status and a message.</summary>
    public ApiResponse ExpectError(HttpStatusCode status)
    {
        Expect(status);
        Assert.Equal((int)status, (int?)Json?["statusCode"]);
        Assert.False((bool?)Json?["data"]?["successful"]);
        Assert.False(string.IsNullOrWhiteSpace(ErrorMessage));
        Assert.NotNull(Json?["reason"]);
        return this;
    }
}

public static class HttpClientExtensions
{
    /// <summary>Sends a request; <paramref name="xsrfHeader"/> adds the <c>X-Atlassian-Token: no-check</c> header Confluence's XSRF check asks for.</summary>
    public static async Task<ApiResponse> Call(
        this HttpClient client, HttpMethod method, string url, HttpContent? content = null, bool xsrfHeader = false)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (xsrfHeader) request.Headers.Add("X-Atlassian-Token", "no-check");
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        if (body.Length > 0 && response.Content.Headers.ContentType?.MediaType == "application/json")
            json = JsonNode.Parse(body);
        return new ApiResponse(response.StatusCode, json, body, response);
    }

    public static Task<ApiResponse> Get(this HttpClient client, string url) => client.Call(HttpMethod.Get, url);

    public static Task<ApiResponse> Delete(this HttpClient client, string url) => client.Call(HttpMethod.Delete, url);

    public static Task<ApiResponse> PostJson(this HttpClient client, string url, object body) =>
        client.SendJson(HttpMethod.Post, url, body);

    public static Task<ApiResponse> PutJson(this HttpClient client, string url, object body) =>
        client.SendJson(HttpMethod.Put, url, body);

    public static Task<ApiResponse> SendJson(this HttpClient client, HttpMethod method, string url, object body) =>
        client.Call(method, url, JsonContent.Create(body));

    /// <summary>Sends raw text as application/json, for malformed and hostile bodies.</summary>
    public static Task<ApiResponse> SendRaw(this HttpClient client, HttpMethod method, string url, string body) =>
        client.Call(method, url, new StringContent(body, Encoding.UTF8, "application/json"));
}
