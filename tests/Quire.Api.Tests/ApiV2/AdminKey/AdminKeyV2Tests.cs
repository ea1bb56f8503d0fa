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
}

[Collection(SqliteCollection.Name)]
public sealed class AdminKeyV2TestsOnSqlite(SqliteServerFixture fixture) : AdminKeyV2Tests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AdminKeyV2TestsOnPostgres(PostgresServerFixture fixture) : AdminKeyV2Tests(fixture);
