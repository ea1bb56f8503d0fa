using System.Net;
using Quire.Api.Tests.Infrastructure;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;

namespace Quire.Api.Tests.ApiV2.User;

public abstract class UserV2Tests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task Users_bulk_answers_quires_users_in_the_order_asked()
    {
        var alice = await NewUserAsync("Alice V2");
        var bob = await NewUserAsync("Bob V2");
        var found = (await alice.Client.PostJson($"{V2}/users-bulk", new { accountIds = new[] { bob.AccountId, "000000000000000000000000", alice.AccountId } }))
            .Expect(HttpStatusCode.OK).Json!["results"]!.AsArray();
        Assert.Equal([bob.AccountId, alice.AccountId], found.Select(u => (string?)u!["accountId"]));
        Assert.Equal("Bob V2", (string?)found[0]!["displayName"]);
        Assert.Equal("", (string?)found[0]!["email"]); // someone else's address is private
        Assert.Equal(alice.Email, (string?)found[1]!["email"]);
        Assert.Equal("atlassian", (string?)found[0]!["accountType"]);
        Assert.Equal("active", (string?)found[0]!["accountStatus"]);
        // The same user v1 answers.
        var v1 = (await alice.Client.Get($"/wiki/rest/api/user?accountId={bob.AccountId}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal((string?)v1["displayName"], (string?)found[0]!["displayName"]);

        (await alice.Client.PostJson($"{V2}/users-bulk", new { accountIds = Array.Empty<string>() })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await alice.Client.PostJson($"{V2}/users-bulk", new { accountIds = Enumerable.Range(0, 251).Select(i => $"id{i}") })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await alice.Client.PostJson($"{V2}/users-bulk", new { })).ExpectV2Error(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Access_by_email_checks_quires_users_and_invitations_create_them_for_site_admins_only()
    {
        var user = await NewUserAsync();
        var newcomer = $"new{Unique()}@example.test";
        var check = (await user.Client.PostJson($"{V2}/user/access/check-access-by-email", new { emails = new[] { user.Email.ToUpperInvariant(), newcomer, "not an address" } }))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal([newcomer], check["emailsWithoutAccess"]!.AsArray().Select(e => (string?)e));
        Assert.Equal(["not an address"], check["invalidEmails"]!.AsArray().Select(e => (string?)e));

        // Only a site admin may invite: Quire creates the user at once; nothing is created otherwise.
        (await user.Client.PostJson($"{V2}/user/access/invite-by-email", new { emails = new[] { newcomer } })).ExpectV2Error(HttpStatusCode.Forbidden);
        Assert.Single((await user.Client.PostJson($"{V2}/user/access/check-access-by-email", new { emails = new[] { newcomer } })).Json!["emailsWithoutAccess"]!.AsArray());

        (await Admin.PostJson($"{V2}/user/access/invite-by-email", new { emails = new[] { newcomer, user.Email, "bad" } })).Expect(HttpStatusCode.OK);
        Assert.Empty((await user.Client.PostJson($"{V2}/user/access/check-access-by-email", new { emails = new[] { newcomer } })).Json!["emailsWithoutAccess"]!.AsArray());

        (await user.Client.PostJson($"{V2}/user/access/check-access-by-email", new { emails = Array.Empty<string>() })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await user.Client.PostJson($"{V2}/user/access/check-access-by-email", new { emails = Enumerable.Range(0, 101).Select(i => $"a{i}@example.test") }))
            .ExpectV2Error(HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UserV2TestsOnSqlite(SqliteServerFixture fixture) : UserV2Tests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class UserV2TestsOnPostgres(PostgresServerFixture fixture) : UserV2Tests(fixture);
