using System.Globalization;
using System.Net;
using Quire.Api.Tests.Infrastructure;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;

namespace Quire.Api.Tests.ApiV2.AdminKey;

public abstract class AdminKeyV2Tests(ServerFixture fixture) : ApiTest(fixture)
{
    private const string Url = $"{V2}/admin-key";

    [SkippableFact]
    public async Task A_site_admin_enables_reads_and_disables_its_admin_key()
    {
        (await Admin.Delete(Url)).Expect(HttpStatusCode.NoContent);
        (await Admin.Get(Url)).ExpectV2Error(HttpStatusCode.NotFound);
        var me = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;

        var before = DateTimeOffset.UtcNow;
        var key = (await Admin.PostJson(Url, new { durationInMinutes = 30 })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(me, (string?)key["accountId"]);
        var expires = DateTimeOffset.Parse((string)key["expirationTime"]!, CultureInfo.InvariantCulture);
        Assert.InRange(expires, before.AddMinutes(29), before.AddMinutes(31));
        Assert.Equal((string?)key["expirationTime"], (string?)(await Admin.Get(Url)).Expect(HttpStatusCode.OK).Json!["expirationTime"]);

        // Enabling again issues a new key; with no body, for the default 10 minutes.
        var renewed = (await Admin.Call(HttpMethod.Post, Url)).Expect(HttpStatusCode.OK).Json!;
        Assert.InRange(DateTimeOffset.Parse((string)renewed["expirationTime"]!, CultureInfo.InvariantCulture), before.AddMinutes(9), before.AddMinutes(11));

        (await Admin.Delete(Url)).Expect(HttpStatusCode.NoContent);
        (await Admin.Get(Url)).ExpectV2Error(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Only_site_admins_hold_keys_and_bad_durations_change_nothing()
    {
        var user = await NewUserAsync();
        (await user.Client.Get(Url)).ExpectV2Error(HttpStatusCode.Forbidden);
        (await user.Client.PostJson(Url, new { durationInMinutes = 5 })).ExpectV2Error(HttpStatusCode.Forbidden);
        (await user.Client.Delete(Url)).ExpectV2Error(HttpStatusCode.Forbidden);

        (await Admin.Delete(Url)).Expect(HttpStatusCode.NoContent);
        (await Admin.PostJson(Url, new { durationInMinutes = -1 })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson(Url, new { durationInMinutes = 100_000 })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson(Url, new { durationInMinutes = "ten" })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Get(Url)).ExpectV2Error(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Claiming_admin_key_privileges_needs_a_live_key()
    {
        var user = await NewUserAsync();
        var (_, spaceId) = await Admin.NewSpaceAsync();
        async Task<ApiResponse> WithKeyHeader(HttpClient client)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{V2}/spaces/{spaceId}");
            request.Headers.Add("Atl-Confluence-With-Admin-Key", "true");
            var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            return new ApiResponse(response.StatusCode, body.Length > 0 ? System.Text.Json.Nodes.JsonNode.Parse(body) : null, body, response);
        }

        (await Admin.Delete(Url)).Expect(HttpStatusCode.NoContent);
        (await WithKeyHeader(Admin)).ExpectV2Error(HttpStatusCode.Forbidden);
        (await WithKeyHeader(user.Client)).ExpectV2Error(HttpStatusCode.Forbidden);
        (await Admin.PostJson(Url, new { durationInMinutes = 5 })).Expect(HttpStatusCode.OK);
        Assert.Equal(spaceId, (string?)(await WithKeyHeader(Admin)).Expect(HttpStatusCode.OK).Json!["id"]);
        (await Admin.Delete(Url)).Expect(HttpStatusCode.NoContent);
        (await WithKeyHeader(Admin)).ExpectV2Error(HttpStatusCode.Forbidden);
        // Without the header nothing is asked of anyone.
        (await Admin.Get($"{V2}/spaces/{spaceId}")).Expect(HttpStatusCode.OK);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AdminKeyV2TestsOnSqlite(SqliteServerFixture fixture) : AdminKeyV2Tests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AdminKeyV2TestsOnPostgres(PostgresServerFixture fixture) : AdminKeyV2Tests(fixture);
