using System.Net;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.Permissions;

/// <summary>
/// Global permissions change the whole site, so these tests run on a server of their own over a
/// fresh database: the shared server's other tests never see anonymous access or a revoked grant.
/// </summary>
public static class GlobalPermissionTestSupport
{
    public const string PermissionsUrl = "/wiki/rest/api/admin/permissions";

    public static async Task<QuireServer> OwnServerAsync(this ServerFixture fixture, string engine) =>
        new(engine, await fixture.FreshDatabaseAsync());

    /// <summary>A PUT without a body, as the admin permission calls take it.</summary>
    public static Task<ApiResponse> Put(this HttpClient client, string url) => client.Call(HttpMethod.Put, url);

    /// <summary>Creates a user on <paramref name="server"/> and signs in as it.</summary>
    public static async Task<TestUser> NewUserAsync(this QuireServer server)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var password = "pw-" + id;
        var created = (await server.Admin().PostJson("/wiki/rest/api/admin/user", new
        {
            userName = "user" + id, email = $"user{id}@example.test", displayName = $"User {id}", password,
        })).Expect(HttpStatusCode.Created).Json!;
        return new TestUser((string)created["accountId"]!, $"user{id}@example.test", "user" + id, server.SignedIn($"user{id}@example.test", password));
    }
}
