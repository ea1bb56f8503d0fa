using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.ApiV2;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using Quire.Core.Security;
using Quire.Storage.Users;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.ContentRestrictions.RestrictionTestSupport;

namespace Quire.Api.Tests.Users;

/// <summary>
/// A site admin removes a user from the site (<c>DELETE /wiki/rest/api/admin/user/{accountId}</c>): from the
/// next request on it cannot sign in by password or token, what it wrote stays attributed to it, v2 shows it
/// inactive, and it cannot be given a group again. Only site admins remove users, never themselves, and once.
/// </summary>
public abstract class UserRemovalTests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task A_removed_user_cannot_sign_in_and_keeps_its_content()
    {
        var user = await NewUserAsync("Leaving Soon");
        var key = await Admin.SharedSpaceAsync([], [user]);
        var page = (string)(await user.Client.PostJson(ContentUrl, new
        {
            type = "page", title = "Written before leaving", space = new { key }, body = StorageBody("<p>kept</p>"),
        })).Expect(HttpStatusCode.OK).Json!["id"]!;
        var token = (await user.Client.PostJson("/wiki/rest/quire/1/api-token", new { label = "leaving" })).Expect(HttpStatusCode.Created).Json!;
        var viaToken = Server.SignedIn(user.Email, (string)token["token"]!);
        (await viaToken.Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK); // remembered by the sign-in cache from here

        (await Admin.Delete($"/wiki/rest/api/admin/user/{user.AccountId}")).Expect(HttpStatusCode.NoContent);

        (await user.Client.Get("/wiki/rest/api/user/current")).ExpectError(HttpStatusCode.Unauthorized);
        (await viaToken.Get("/wiki/rest/api/user/current")).ExpectError(HttpStatusCode.Unauthorized);
        var history = (await Admin.Get($"{ContentUrl}/{page}?expand=history,version")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(user.AccountId, (string?)history["history"]!["createdBy"]!["accountId"]);
        Assert.Equal(user.AccountId, (string?)history["version"]!["by"]!["accountId"]);
        var profile = (await Admin.PostJson("/wiki/api/v2/users-bulk", new { accountIds = new[] { user.AccountId } })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("inactive", (string?)profile["results"]![0]!["accountStatus"]);
        Assert.Equal("Leaving Soon", (string?)profile["results"]![0]!["displayName"]);
        var groups = (await Admin.Get($"/wiki/rest/api/user/memberof?accountId={user.AccountId}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Empty(groups["results"]!.AsArray());
        // Membership is what it lost: it is not given back.
        (await Admin.PostJson("/wiki/rest/api/group/userByGroupId?groupId=" + await GroupIdAsync("confluence-users"), new { accountId = user.AccountId }))
            .ExpectError(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Only_site_admins_remove_users_never_themselves_and_only_once()
    {
        var user = await NewUserAsync();
        var other = await NewUserAsync();
        (await user.Client.Delete($"/wiki/rest/api/admin/user/{other.AccountId}")).ExpectError(HttpStatusCode.Forbidden);
        var adminId = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;
        (await Admin.Delete($"/wiki/rest/api/admin/user/{adminId}")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Delete("/wiki/rest/api/admin/user/no-such-account")).ExpectError(HttpStatusCode.NotFound);

        // Two removals at once: one removes it, the other finds it gone.
        var removals = await Task.WhenAll(Admin.Delete($"/wiki/rest/api/admin/user/{other.AccountId}"), Admin.Delete($"/wiki/rest/api/admin/user/{other.AccountId}"));
        Assert.Single(removals, r => r.Status == HttpStatusCode.NoContent);
        Assert.Single(removals, r => r.Status == HttpStatusCode.NotFound);
        (await other.Client.Get("/wiki/rest/api/user/current")).ExpectError(HttpStatusCode.Unauthorized);
        (await user.Client.Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task A_removed_user_is_granted_nothing_and_no_credential_of_it_signs_in()
    {
        var user = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([]);
        var spaceId = ((long)(await Admin.Get($"/wiki/rest/api/space/{key}")).Expect(HttpStatusCode.OK).Json!["id"]!)
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
        var viewer = (string)(await Admin.WalkAsync("/wiki/api/v2/space-roles?role-type=SYSTEM")).Single(r => (string?)r["name"] == "Viewer")["id"]!;
        (await Admin.Delete($"/wiki/rest/api/admin/user/{user.AccountId}")).Expect(HttpStatusCode.NoContent);

        (await Admin.PostJson($"/wiki/rest/api/space/{key}/permission", new
        {
            subject = new { type = "user", identifier = user.AccountId }, operation = new { key = "read", target = "space" },
        })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson("/wiki/rest/api/space", new
        {
            key = SpaceTestSupport.NewKey(), name = "With a removed user",
            permissions = new[] { SpaceTestSupport.Permission("read", "space", [user.AccountId]) },
        })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"/wiki/api/v2/spaces/{spaceId}/role-assignments",
            new { principal = new { principalType = "USER", principalId = user.AccountId }, roleId = viewer })).ExpectV2Error(HttpStatusCode.BadRequest);
        Assert.DoesNotContain((await Admin.Get($"/wiki/rest/api/space/{key}?expand=permissions")).Expect(HttpStatusCode.OK).Body, user.AccountId);

        // A token that lands as the user is removed (created just before the removal commits) must not sign it in either.
        await using var scope = Server.Services.CreateAsyncScope();
        var userId = (await scope.ServiceProvider.GetRequiredService<UserStore>().FindByAccountIdAsync(user.AccountId))!.Id;
        var late = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(userId, "late");
        (await Server.SignedIn(user.Email, late.Token).Get("/wiki/rest/api/user/current")).ExpectError(HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task A_removed_user_gets_no_new_restriction_or_global_grant_but_keeps_what_names_it()
    {
        var kept = await NewUserAsync();
        var newcomer = await NewUserAsync();
        var key = await Admin.SharedSpaceAsync([]);
        var page = (string)(await Admin.CreatePageAsync(key, "Restricted before the removal"))["id"]!;
        var adminId = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;
        await Admin.RestrictAsync(page, Entry("read", [adminId, kept.AccountId]));
        foreach (var user in new[] { kept, newcomer })
            (await Admin.Delete($"/wiki/rest/api/admin/user/{user.AccountId}")).Expect(HttpStatusCode.NoContent);

        // Writing back the restrictions as read keeps the removed user they name; adding another removed user is refused.
        await Admin.RestrictAsync(page, Entry("read", [adminId, kept.AccountId]));
        (await Admin.PutJson($"{Restriction(page)}/byOperation/read/user?accountId={kept.AccountId}", new { })).Expect(HttpStatusCode.OK);
        (await Admin.PostJson(Restriction(page), new[] { Entry("read", [adminId, kept.AccountId, newcomer.AccountId]) }))
            .ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"{Restriction(page)}/byOperation/update/user?accountId={kept.AccountId}", new { }))
            .ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"{Restriction(page)}/byOperation/read/user?accountId={newcomer.AccountId}", new { }))
            .ExpectError(HttpStatusCode.BadRequest);
        var read = (await Admin.Get($"{Restriction(page)}/byOperation/read?expand=restrictions.user")).Expect(HttpStatusCode.OK).Body;
        Assert.Contains(kept.AccountId, read);
        Assert.DoesNotContain(newcomer.AccountId, read);
        (await Admin.Get($"{Restriction(page)}/byOperation/update/user?accountId={kept.AccountId}")).ExpectError(HttpStatusCode.NotFound);

        // Global permissions: never granted to a removed user.
        (await Admin.Call(HttpMethod.Put, $"/wiki/rest/api/admin/permissions/create_space/user/{newcomer.AccountId}"))
            .ExpectError(HttpStatusCode.BadRequest);
        Assert.DoesNotContain(newcomer.AccountId, (await Admin.Get("/wiki/rest/api/admin/permissions")).Expect(HttpStatusCode.OK).Body);
    }

    private async Task<string> GroupIdAsync(string name) =>
        (string)(await Admin.Get($"/wiki/rest/api/group/by-name?name={name}")).Expect(HttpStatusCode.OK).Json!["id"]!;
}

[Collection(SqliteCollection.Name)]
public sealed class UserRemovalTestsOnSqlite(SqliteServerFixture fixture) : UserRemovalTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class UserRemovalTestsOnPostgres(PostgresServerFixture fixture) : UserRemovalTests(fixture);
