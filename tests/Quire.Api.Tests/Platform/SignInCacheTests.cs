using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Infrastructure;
using Quire.Storage;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.ContentRestrictions.RestrictionTestSupport;

namespace Quire.Api.Tests.Platform;

/// <summary>
/// A signed-in caller is remembered between requests (issue 14: sign-in ran a query on every
/// request), and what is remembered never outlives a change to it: a revoked token, a membership
/// removed or added, a deleted group hold from the very next request.
/// </summary>
public abstract class SignInCacheTests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task A_signed_in_caller_is_remembered_so_a_request_runs_no_query_to_sign_in()
    {
        var user = await NewUserAsync();
        (await user.Client.Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK);

        var database = Server.Services.GetRequiredService<Database>();
        var fewest = long.MaxValue;
        for (var attempt = 0; attempt < 3; attempt++) // the fewest of a few: other tests' requests may run meanwhile
        {
            var before = database.CommandCount;
            (await user.Client.Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK);
            fewest = Math.Min(fewest, database.CommandCount - before);
        }
        Assert.Equal(0, fewest);
    }

    [SkippableFact]
    public async Task A_removed_membership_is_refused_on_the_next_request_and_an_added_one_admitted()
    {
        var member = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([member]);
        var page = (string)(await Admin.CreatePageAsync(key, "For the group only"))["id"]!;
        var (groupId, _) = await Admin.NewGroupAsync(member);
        var adminId = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;
        await Admin.RestrictAsync(page, Entry("read", [adminId], [groupId]));
        (await member.Client.Get($"{ContentUrl}/{page}")).Expect(HttpStatusCode.OK);
        (await member.Client.Get($"{ContentUrl}/{page}")).Expect(HttpStatusCode.OK); // now from the cache

        (await Admin.Delete($"/wiki/rest/api/group/userByGroupId?groupId={groupId}&accountId={member.AccountId}")).Expect(HttpStatusCode.NoContent);
        (await member.Client.Get($"{ContentUrl}/{page}")).ExpectError(HttpStatusCode.NotFound);

        (await Admin.PostJson($"/wiki/rest/api/group/userByGroupId?groupId={groupId}", new { accountId = member.AccountId })).Expect(HttpStatusCode.Created);
        (await member.Client.Get($"{ContentUrl}/{page}")).Expect(HttpStatusCode.OK);

        (await Admin.Delete($"/wiki/rest/api/group/by-id?id={groupId}")).Expect(HttpStatusCode.NoContent);
        (await member.Client.Get($"{ContentUrl}/{page}")).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task A_revoked_token_is_refused_on_the_next_request()
    {
        var user = await NewUserAsync();
        var created = (await user.Client.PostJson("/wiki/rest/quire/1/api-token", new { label = "cached" })).Expect(HttpStatusCode.Created).Json!;
        var viaToken = Server.SignedIn(user.Email, (string)created["token"]!);
        (await viaToken.Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK);
        (await viaToken.Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK); // now from the cache

        (await user.Client.Delete($"/wiki/rest/quire/1/api-token/{(string)created["id"]!}")).Expect(HttpStatusCode.NoContent);
        (await viaToken.Get("/wiki/rest/api/user/current")).ExpectError(HttpStatusCode.Unauthorized);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SignInCacheTestsOnSqlite(SqliteServerFixture fixture) : SignInCacheTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SignInCacheTestsOnPostgres(PostgresServerFixture fixture) : SignInCacheTests(fixture);
