using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;

namespace Quire.Api.Tests.ApiV2.SpacePermissionTransition;

/// <summary>confluence.js's space permission transition: combinations held without a role, moved to roles or removed.</summary>
public abstract class SpacePermissionTransitionV2Tests(ServerFixture fixture) : ApiTest(fixture)
{
    private const string Transition = $"{V2}/space-permissions/transition";

    private static string CombinationId(params string[] permissions) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join(',', permissions.Order(StringComparer.Ordinal))));

    /// <summary>Every combination, following the answer's <c>cursor</c> field a page at a time.</summary>
    private async Task<List<JsonNode>> CombinationsAsync(int limit)
    {
        var all = new List<JsonNode>();
        for (string? cursor = null; ;)
        {
            var page = (await Admin.Get($"{Transition}/combinations?limit={limit}{(cursor is null ? "" : "&cursor=" + cursor)}")).Expect(HttpStatusCode.OK).Json!;
            Assert.False(string.IsNullOrEmpty((string?)page["generatedAt"]));
            all.AddRange(page["results"]!.AsArray().Select(r => r!.DeepClone()));
            cursor = (string?)page["cursor"];
            if (cursor is null) return all;
        }
    }

    private async Task<JsonNode> FinishedAsync(string taskId)
    {
        for (var i = 0; i < 100; i++)
        {
            var status = (await Admin.Get($"{Transition}/tasks/{taskId}")).Expect(HttpStatusCode.OK).Json!;
            Assert.Equal(taskId, (string?)status["taskId"]);
            if ((string?)status["status"] != "IN_PROGRESS") return status;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"Transition task {taskId} did not finish.");
    }

    private async Task GrantAsync(string key, string type, string identifier, params string[] permissions)
    {
        foreach (var permission in permissions.OrderBy(p => p == "read/space" ? 0 : 1))
            (await Admin.PostJson($"/wiki/rest/api/space/{key}/permission", new
            {
                subject = new { type, identifier }, operation = new { key = permission.Split('/')[0], target = permission.Split('/')[1] },
            })).Expect(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task A_combination_moves_to_a_role_for_users_and_loses_access_for_groups()
    {
        var member = await NewUserAsync();
        var group = (string)(await Admin.PostJson("/wiki/rest/api/group", new { name = "trans-" + Unique() })).Expect(HttpStatusCode.Created).Json!["id"]!;
        var space = await Admin.CreateSpaceAsync(isPrivate: true);
        var (key, spaceId) = ((string)space["key"]!, ((long)space["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture));
        string[] held = ["read/space", "export/space", "create/comment"];
        await GrantAsync(key, "user", member.AccountId, held);
        await GrantAsync(key, "group", group, held);

        var combination = (await CombinationsAsync(limit: 2)).Single(c => (string?)c["combinationId"] == CombinationId(held));
        Assert.True((int)combination["principalCount"]! >= 2);
        Assert.True((int)combination["spaceCount"]! >= 1);
        Assert.Contains("USER", combination["principalTypes"]!.AsArray().Select(t => (string?)t));
        Assert.Contains("GROUP", combination["principalTypes"]!.AsArray().Select(t => (string?)t));
        Assert.Equal(held.Order(StringComparer.Ordinal), combination["permissions"]!.AsArray().Select(p => (string?)p!["id"]));
        Assert.All(combination["permissions"]!.AsArray(), p => Assert.False(string.IsNullOrEmpty((string?)p!["displayName"])));
        // Sets a role has are not listed: they are roles already.
        Assert.DoesNotContain(await CombinationsAsync(limit: 250), c => (string?)c["combinationId"] == CombinationId("read/space", "create/comment"));

        var viewer = (string)(await Admin.WalkAsync($"{V2}/space-roles?role-type=SYSTEM")).Single(r => (string?)r["name"] == "Viewer")["id"]!;
        var task = (await Admin.PostJson($"{Transition}/role-assignments", new
        {
            assignments = new[]
            {
                new
                {
                    permissionCombinationId = CombinationId(held),
                    principalTypeAssignments = new object[]
                    {
                        new { principalType = "USER", removeAccess = false, roleId = viewer },
                        new { principalType = "GROUP", removeAccess = true },
                    },
                },
            },
            spaceSelection = new { spaceType = "SPECIFIC", selectedSpaces = new[] { new { id = spaceId, key } } },
        })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal($"{Transition}/tasks/{(string)task["taskId"]!}", (string?)task["statusUrl"]);
        Assert.Equal("COMPLETED", (string?)(await FinishedAsync((string)task["taskId"]!))["status"]);

        var assignments = await Admin.WalkAsync($"{V2}/spaces/{spaceId}/role-assignments");
        Assert.Equal(member.AccountId, (string?)assignments.Single()["principal"]!["principalId"]);
        Assert.Equal(viewer, (string?)assignments.Single()["roleId"]);
        var grants = await Admin.WalkAsync($"{V2}/spaces/{spaceId}/permissions");
        Assert.Equal(["create/comment", "read/space"], grants.Where(g => (string?)g["principal"]!["id"] == member.AccountId)
            .Select(g => $"{(string?)g["operation"]!["key"]}/{(string?)g["operation"]!["targetType"]}").Order(StringComparer.Ordinal));
        Assert.DoesNotContain(grants, g => (string?)g["principal"]!["id"] == group);
    }

    [SkippableFact]
    public async Task Access_removals_take_a_combination_away_in_the_chosen_spaces_only()
    {
        var member = await NewUserAsync();
        string[] held = ["read/space", "export/space", "create/attachment"];
        var first = await Admin.CreateSpaceAsync(isPrivate: true);
        var second = await Admin.CreateSpaceAsync(isPrivate: true);
        await GrantAsync((string)first["key"]!, "user", member.AccountId, held);
        await GrantAsync((string)second["key"]!, "user", member.AccountId, held);

        var task = (await Admin.PostJson($"{Transition}/access-removals", new
        {
            permissionCombinationIds = new[] { CombinationId(held) },
            spaceSelection = new { spaceType = "ALL_EXCEPT_SPECIFIC", selectedSpaces = new[] { new { id = ((long)second["id"]!).ToString(), key = (string)second["key"]! } } },
        })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("COMPLETED", (string?)(await FinishedAsync((string)task["taskId"]!))["status"]);
        (await member.Client.Get($"/wiki/rest/api/space/{(string)first["key"]!}")).ExpectError(HttpStatusCode.NotFound);
        (await member.Client.Get($"/wiki/rest/api/space/{(string)second["key"]!}")).Expect(HttpStatusCode.OK);

        var generated = (await Admin.Call(HttpMethod.Post, $"{Transition}/combinations")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("COMPLETED", (string?)(await FinishedAsync((string)generated["taskId"]!))["status"]);
    }

    [SkippableFact]
    public async Task Bad_requests_and_non_admins_queue_nothing()
    {
        var user = await NewUserAsync();
        var (_, spaceId) = await Admin.NewSpaceAsync();
        var selection = new { spaceType = "ALL" };
        (await user.Client.Get($"{Transition}/combinations")).ExpectV2Error(HttpStatusCode.Forbidden);
        (await user.Client.PostJson($"{Transition}/access-removals", new { permissionCombinationIds = new[] { CombinationId("read/space") }, spaceSelection = selection }))
            .ExpectV2Error(HttpStatusCode.Forbidden);
        var tasksBefore = await Server.CountAsync("SELECT COUNT(*) FROM long_tasks WHERE type = @type", new { type = "space-permission-transition" });

        (await Admin.PostJson($"{Transition}/access-removals", new { permissionCombinationIds = new[] { "not-a-combination" }, spaceSelection = selection }))
            .ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{Transition}/access-removals", new { permissionCombinationIds = new[] { CombinationId("export/space") }, spaceSelection = selection }))
            .ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{Transition}/access-removals", new { permissionCombinationIds = new[] { CombinationId("read/space") }, spaceSelection = new { spaceType = "SOME" } }))
            .ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{Transition}/access-removals", new { permissionCombinationIds = new[] { CombinationId("read/space") }, spaceSelection = new { spaceType = "SPECIFIC" } }))
            .ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{Transition}/access-removals", new
        {
            permissionCombinationIds = new[] { CombinationId("read/space") },
            spaceSelection = new { spaceType = "SPECIFIC", selectedSpaces = new[] { new { id = "999999999", key = "NOPE" } } },
        })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{Transition}/role-assignments", new
        {
            assignments = new[] { new { permissionCombinationId = CombinationId("read/space"), principalTypeAssignments = new[] { new { principalType = "GUEST", removeAccess = true } } } },
            spaceSelection = selection,
        })).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{Transition}/role-assignments", new
        {
            assignments = new[] { new { permissionCombinationId = CombinationId("read/space"), principalTypeAssignments = new[] { new { principalType = "USER", removeAccess = false } } } },
            spaceSelection = new { spaceType = "SPECIFIC", selectedSpaces = new[] { new { id = spaceId, key = "K" } } },
        })).ExpectV2Error(HttpStatusCode.BadRequest);
        Assert.Equal(tasksBefore, await Server.CountAsync("SELECT COUNT(*) FROM long_tasks WHERE type = @type", new { type = "space-permission-transition" }));

        (await Admin.Get($"{Transition}/tasks/no-such-task")).ExpectV2Error(HttpStatusCode.NotFound);
        (await Admin.Get($"{Transition}/combinations?cursor=bad")).ExpectV2Error(HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SpacePermissionTransitionV2TestsOnSqlite(SqliteServerFixture fixture) : SpacePermissionTransitionV2Tests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SpacePermissionTransitionV2TestsOnPostgres(PostgresServerFixture fixture) : SpacePermissionTransitionV2Tests(fixture);
