using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.ContentRestrictions;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;

namespace Quire.Api.Tests.ApiV2.SpaceRoles;

/// <summary>v2 Space Roles: the roles, custom ones by site admins, and assignments that grant a role's permissions.</summary>
public abstract class SpaceRolesV2Tests(ServerFixture fixture) : ApiTest(fixture)
{
    private static readonly string[] ViewerPermissions = ["create/comment", "read/space"];
    private static readonly string[] CollaboratorPermissions =
        ["create/attachment", "create/blogpost", "create/comment", "create/page", "read/space", "restrict_content/space"];

    /// <summary>What v1's expand=permissions says the user holds in the space, as sorted "operation/target" ids (read as its owner).</summary>
    private static async Task<List<string>> V1PermissionsAsync(HttpClient owner, string key, string accountId) =>
        (await owner.Get($"/wiki/rest/api/space/{key}?expand=permissions")).Expect(HttpStatusCode.OK).Json!["permissions"]!.AsArray()
        .Where(p => p!["subjects"]?["user"]?["results"]?.AsArray().Any(u => (string?)u!["accountId"] == accountId) == true)
        .Select(p => $"{(string?)p!["operation"]!["operation"]}/{(string?)p["operation"]!["targetType"]}")
        .Order(StringComparer.Ordinal).ToList();

    /// <summary>What v2's /spaces/{id}/permissions says the user holds, the same way.</summary>
    private static async Task<List<string>> V2PermissionsAsync(HttpClient owner, string spaceId, string accountId) =>
        (await owner.WalkAsync($"{V2}/spaces/{spaceId}/permissions?limit=250"))
        .Where(p => (string?)p["principal"]!["type"] == "user" && (string?)p["principal"]!["id"] == accountId)
        .Select(p => $"{(string?)p["operation"]!["key"]}/{(string?)p["operation"]!["targetType"]}")
        .Order(StringComparer.Ordinal).ToList();

    private static async Task<string> RoleIdAsync(HttpClient client, string name) =>
        (string)(await client.WalkAsync($"{V2}/space-roles?role-type=SYSTEM")).Single(r => (string?)r["name"] == name)["id"]!;

    private static object Assignment(string type, string id, string? roleId) =>
        roleId is null
            ? new { principal = new { principalType = type, principalId = id } }
            : new { principal = new { principalType = type, principalId = id }, roleId };

    [SkippableFact]
    public async Task The_four_system_roles_are_listed_with_their_permissions()
    {
        var user = await NewUserAsync();
        var system = await user.Client.WalkAsync($"{V2}/space-roles?role-type=SYSTEM&limit=1");
        Assert.Equal(["Admin", "Manager", "Collaborator", "Viewer"], system.Select(r => (string?)r["name"]));
        Assert.All(system, r => Assert.Equal("SYSTEM", (string?)r["type"]));
        Assert.All(system, r => Assert.Equal((string?)r["name"], (string?)r["displayName"]));
        var viewer = system.Single(r => (string?)r["name"] == "Viewer");
        Assert.Equal(ViewerPermissions, viewer["spacePermissions"]!.AsArray().Select(p => (string?)p));
        var admin = system.Single(r => (string?)r["name"] == "Admin");
        Assert.Contains("administer/space", admin["spacePermissions"]!.AsArray().Select(p => (string?)p));

        var one = (await user.Client.Get($"{V2}/space-roles/{(string)viewer["id"]!}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("Viewer", (string?)one["displayName"]);
        Assert.False(string.IsNullOrEmpty((string?)one["_links"]?["base"]));
        Assert.Equal("ROLES_TRANSITION", (string?)(await user.Client.Get($"{V2}/space-role-mode")).Expect(HttpStatusCode.OK).Json!["mode"]);

        (await user.Client.Get($"{V2}/space-roles?role-type=OTHER")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await user.Client.Get($"{V2}/space-roles?principal-id={user.AccountId}")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await user.Client.Get($"{V2}/space-roles/999999")).ExpectV2Error(HttpStatusCode.NotFound);
        (await user.Client.Get($"{V2}/space-roles/abc")).ExpectV2Error(HttpStatusCode.BadRequest);
        // A space the caller cannot view answers like a missing one.
        var (_, open) = await Admin.NewSpaceAsync();
        var privateSpace = await Admin.CreateSpaceAsync(isPrivate: true);
        (await user.Client.Get($"{V2}/space-roles?space-id={(long)privateSpace["id"]!}")).ExpectV2Error(HttpStatusCode.NotFound);
        (await user.Client.Get($"{V2}/space-roles?space-id={open}")).Expect(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task Assigning_a_role_grants_its_permissions_as_v1_and_v2_list_them()
    {
        var owner = await NewUserAsync();
        var member = await NewUserAsync();
        // Private: the member reads it only through the role (a global space lets every user read it).
        var space = await owner.Client.CreateSpaceAsync(isPrivate: true);
        var (key, spaceId) = ((string)space["key"]!, ((long)space["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await member.Client.Get($"/wiki/rest/api/space/{key}")).ExpectError(HttpStatusCode.NotFound);
        var viewer = await RoleIdAsync(owner.Client, "Viewer");
        var collaborator = await RoleIdAsync(owner.Client, "Collaborator");
        var url = $"{V2}/spaces/{spaceId}/role-assignments";

        var set = (await owner.Client.PostJson(url, Assignment("USER", member.AccountId, viewer))).Expect(HttpStatusCode.OK).Json!;
        var only = set["results"]!.AsArray().Single()!;
        Assert.Equal("USER", (string?)only["principal"]!["principalType"]);
        Assert.Equal(member.AccountId, (string?)only["principal"]!["principalId"]);
        Assert.Equal(viewer, (string?)only["roleId"]);
        Assert.Equal(ViewerPermissions, await V1PermissionsAsync(owner.Client, key, member.AccountId));
        Assert.Equal(ViewerPermissions, await V2PermissionsAsync(owner.Client, spaceId, member.AccountId));
        (await member.Client.Get($"/wiki/rest/api/space/{key}")).Expect(HttpStatusCode.OK);

        // A new role replaces what the principal had.
        (await owner.Client.PostJson(url, new[] { Assignment("USER", member.AccountId, collaborator) })).Expect(HttpStatusCode.OK);
        Assert.Equal(CollaboratorPermissions, await V1PermissionsAsync(owner.Client, key, member.AccountId));
        await member.Client.CreateV2PageAsync(spaceId);

        var listed = await member.Client.WalkAsync($"{url}?principal-type=USER&principal-id={member.AccountId}");
        Assert.Equal(collaborator, (string?)listed.Single()["roleId"]);
        Assert.Empty(await member.Client.WalkAsync($"{url}?role-id={viewer}"));
        Assert.Single(await member.Client.WalkAsync($"{url}?role-type=SYSTEM&role-id={collaborator}"));
        Assert.Empty(await member.Client.WalkAsync($"{url}?role-type=CUSTOM"));
        var heldRoles = await member.Client.WalkAsync($"{V2}/space-roles?space-id={spaceId}&principal-type=USER&principal-id={member.AccountId}");
        Assert.Equal([collaborator], heldRoles.Select(r => (string?)r["id"]));

        // No role: the assignment and the permissions it gave go.
        var removed = (await owner.Client.PostJson(url, Assignment("USER", member.AccountId, null))).Expect(HttpStatusCode.OK).Json!;
        Assert.Empty(removed["results"]!.AsArray());
        Assert.Empty(await V1PermissionsAsync(owner.Client, key, member.AccountId));
        Assert.Empty(await owner.Client.WalkAsync(url));
        (await member.Client.Get($"/wiki/rest/api/space/{key}")).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Groups_are_assigned_by_id_and_listed_by_cursor()
    {
        var owner = await NewUserAsync();
        var (_, spaceId) = await owner.Client.NewSpaceAsync();
        var viewer = await RoleIdAsync(owner.Client, "Viewer");
        var groups = new List<string>();
        for (var i = 0; i < 3; i++)
            groups.Add((string)(await Admin.PostJson("/wiki/rest/api/group", new { name = "role-" + Unique() })).Expect(HttpStatusCode.Created).Json!["id"]!);
        (await owner.Client.PostJson($"{V2}/spaces/{spaceId}/role-assignments", groups.Select(g => Assignment("GROUP", g, viewer)).ToArray()))
            .Expect(HttpStatusCode.OK);
        var walked = await owner.Client.WalkAsync($"{V2}/spaces/{spaceId}/role-assignments?limit=1");
        Assert.Equal(groups, walked.Select(a => (string?)a["principal"]!["principalId"]));
        Assert.All(walked, a => Assert.Equal("GROUP", (string?)a["principal"]!["principalType"]));
        var grants = await owner.Client.WalkAsync($"{V2}/spaces/{spaceId}/permissions");
        Assert.Equal(2, grants.Count(g => (string?)g["principal"]!["id"] == groups[1]));
    }

    [SkippableFact]
    public async Task Bad_assignments_and_outsiders_change_nothing()
    {
        var owner = await NewUserAsync();
        var member = await NewUserAsync();
        var (key, spaceId) = await owner.Client.NewSpaceAsync();
        var viewer = await RoleIdAsync(owner.Client, "Viewer");
        var url = $"{V2}/spaces/{spaceId}/role-assignments";
        var before = await V1PermissionsAsync(owner.Client, key, owner.AccountId);

        // One bad entry refuses the whole request.
        (await owner.Client.PostJson(url, new[] { Assignment("USER", member.AccountId, viewer), Assignment("USER", "no-such-account", viewer) }))
            .ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(url, Assignment("TEAM", member.AccountId, viewer))).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(url, Assignment("USER", member.AccountId, "999999"))).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.PostJson(url, Assignment("ACCESS_CLASS", "all-product-admins", viewer))).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.SendRaw(HttpMethod.Post, url, "\"viewer\"")).ExpectV2Error(HttpStatusCode.BadRequest);
        // The owner is the space's only admin: a Viewer role for the owner would leave nobody to administer it.
        (await owner.Client.PostJson(url, Assignment("USER", owner.AccountId, viewer))).ExpectV2Error(HttpStatusCode.BadRequest);
        Assert.Empty(await V1PermissionsAsync(owner.Client, key, member.AccountId));
        Assert.Equal(before, await V1PermissionsAsync(owner.Client, key, owner.AccountId));
        Assert.Empty(await owner.Client.WalkAsync(url));

        // Someone who may view but not administer the space cannot set roles: 404, as the spec says.
        (await owner.Client.PostJson(url, Assignment("USER", member.AccountId, viewer))).Expect(HttpStatusCode.OK);
        (await member.Client.PostJson(url, Assignment("USER", member.AccountId, await RoleIdAsync(owner.Client, "Admin")))).ExpectV2Error(HttpStatusCode.NotFound);
        Assert.Equal(ViewerPermissions, await V1PermissionsAsync(owner.Client, key, member.AccountId));
        var stranger = await NewUserAsync();
        var privateSpace = await owner.Client.CreateSpaceAsync(isPrivate: true);
        (await stranger.Client.Get($"{V2}/spaces/{(long)privateSpace["id"]!}/role-assignments")).ExpectV2Error(HttpStatusCode.NotFound);
        (await owner.Client.Get($"{url}?principal-type=USER")).ExpectV2Error(HttpStatusCode.BadRequest);
        (await owner.Client.Get($"{url}?role-type=ANY")).ExpectV2Error(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task A_v1_change_of_a_holders_permissions_makes_it_custom_access()
    {
        var owner = await NewUserAsync();
        var member = await NewUserAsync();
        var (key, spaceId) = await owner.Client.NewSpaceAsync();
        var url = $"{V2}/spaces/{spaceId}/role-assignments";
        (await owner.Client.PostJson(url, Assignment("USER", member.AccountId, await RoleIdAsync(owner.Client, "Viewer")))).Expect(HttpStatusCode.OK);
        (await owner.Client.PostJson($"/wiki/rest/api/space/{key}/permission", new
        {
            subject = new { type = "user", identifier = member.AccountId }, operation = new { key = "create", target = "page" },
        })).Expect(HttpStatusCode.OK);
        Assert.Empty(await owner.Client.WalkAsync(url));
        Assert.Equal(["create/comment", "create/page", "read/space"], await V1PermissionsAsync(owner.Client, key, member.AccountId));
    }

    [SkippableFact]
    public async Task Site_admins_create_change_and_remove_custom_roles()
    {
        var user = await NewUserAsync();
        var name = "Reviewer " + Unique();
        var body = new { name, description = "Reads and exports.", spacePermissions = new[] { "read/space", "export/space" } };
        (await user.Client.PostJson($"{V2}/space-roles", body)).ExpectV2Error(HttpStatusCode.Forbidden);
        var created = (await Admin.PostJson($"{V2}/space-roles", body)).Expect(HttpStatusCode.OK).Json!;
        var id = (string)created["id"]!;
        Assert.Equal("CUSTOM", (string?)created["type"]);
        Assert.Equal(name, (string?)created["name"]);
        Assert.Equal(["export/space", "read/space"], created["spacePermissions"]!.AsArray().Select(p => (string?)p));
        Assert.Contains(await user.Client.WalkAsync($"{V2}/space-roles?role-type=CUSTOM"), r => (string?)r["id"] == id);

        // Bad roles are refused and nothing is stored.
        (await Admin.PostJson($"{V2}/space-roles", body)).ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{V2}/space-roles", new { name = "X" + Unique(), description = "", spacePermissions = new[] { "fly/space" } }))
            .ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{V2}/space-roles", new { name = "X" + Unique(), description = "", spacePermissions = new[] { "export/space" } }))
            .ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.PostJson($"{V2}/space-roles", new { description = "", spacePermissions = new[] { "read/space" } })).ExpectV2Error(HttpStatusCode.BadRequest);
        var viewer = await RoleIdAsync(user.Client, "Viewer");
        (await Admin.PutJson($"{V2}/space-roles/{viewer}", new { name = "Viewer", description = "", spacePermissions = new[] { "read/space" } }))
            .ExpectV2Error(HttpStatusCode.BadRequest);
        (await Admin.Delete($"{V2}/space-roles/{viewer}")).ExpectV2Error(HttpStatusCode.BadRequest);
        Assert.Equal(ViewerPermissions, (await user.Client.Get($"{V2}/space-roles/{viewer}")).Json!["spacePermissions"]!.AsArray().Select(p => (string?)p));

        // Changing a held role gives its holders the new permissions through a task.
        var owner = await NewUserAsync();
        var member = await NewUserAsync();
        var (key, spaceId) = await owner.Client.NewSpaceAsync();
        (await owner.Client.PostJson($"{V2}/spaces/{spaceId}/role-assignments", Assignment("USER", member.AccountId, id))).Expect(HttpStatusCode.OK);
        Assert.Equal(["export/space", "read/space"], await V1PermissionsAsync(owner.Client, key, member.AccountId));
        (await user.Client.PutJson($"{V2}/space-roles/{id}", body)).ExpectV2Error(HttpStatusCode.Forbidden);
        var updated = (await Admin.PutJson($"{V2}/space-roles/{id}", new { name, description = "Reads and comments.", spacePermissions = new[] { "read/space", "create/comment" } }))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("Reads and comments.", (string?)updated["description"]);
        await Admin.WaitForTaskAsync((string)updated["taskId"]!);
        Assert.Equal(ViewerPermissions, await V1PermissionsAsync(owner.Client, key, member.AccountId));

        // Removing the role keeps its holders' permissions, as custom access.
        (await user.Client.Delete($"{V2}/space-roles/{id}")).ExpectV2Error(HttpStatusCode.Forbidden);
        (await Admin.Delete($"{V2}/space-roles/{id}")).Expect(HttpStatusCode.OK);
        (await user.Client.Get($"{V2}/space-roles/{id}")).ExpectV2Error(HttpStatusCode.NotFound);
        Assert.Empty(await owner.Client.WalkAsync($"{V2}/spaces/{spaceId}/role-assignments"));
        Assert.Equal(ViewerPermissions, await V1PermissionsAsync(owner.Client, key, member.AccountId));
    }

    [SkippableFact]
    public async Task Roles_held_in_spaces_the_caller_cannot_read_are_not_listed()
    {
        var owner = await NewUserAsync();
        var member = await NewUserAsync();
        var outsider = await NewUserAsync();
        var role = (string)(await Admin.PostJson($"{V2}/space-roles",
                new { name = "Hidden holder " + Unique(), description = "", spacePermissions = new[] { "read/space" } }))
            .Expect(HttpStatusCode.OK).Json!["id"]!;
        var (groupId, _) = await Admin.NewGroupAsync(member);
        var space = await owner.Client.CreateSpaceAsync(isPrivate: true);
        var spaceId = ((long)space["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);
        (await owner.Client.PostJson($"{V2}/spaces/{spaceId}/role-assignments",
            new[] { Assignment("USER", member.AccountId, role), Assignment("GROUP", groupId, role) })).Expect(HttpStatusCode.OK);

        foreach (var principal in new[] { $"principal-type=USER&principal-id={member.AccountId}", $"principal-type=GROUP&principal-id={groupId}" })
        {
            // The outsider cannot read the private space, so the holdings there are not theirs to learn.
            Assert.Empty(await outsider.Client.WalkAsync($"{V2}/space-roles?{principal}"));
            Assert.Equal([role], (await owner.Client.WalkAsync($"{V2}/space-roles?{principal}")).Select(r => (string?)r["id"]));
            Assert.Equal([role], (await member.Client.WalkAsync($"{V2}/space-roles?{principal}")).Select(r => (string?)r["id"]));
        }
    }

    [SkippableFact]
    public async Task A_space_created_with_role_assignments_has_exactly_those_roles()
    {
        var creator = await NewUserAsync();
        var admin = await NewUserAsync();
        var adminRole = await RoleIdAsync(creator.Client, "Admin");
        var viewer = await RoleIdAsync(creator.Client, "Viewer");
        var key = SpaceTestSupport.NewKey();
        // No Admin among the roles: refused, and no space is left behind.
        (await creator.Client.PostJson($"{V2}/spaces", new { key, name = "Roles " + key, roleAssignments = Assignment("USER", admin.AccountId, viewer) }))
            .ExpectV2Error(HttpStatusCode.BadRequest);
        Assert.Equal(0, await Server.CountAsync("SELECT COUNT(*) FROM spaces WHERE key = @key", new { key }));

        var created = (await creator.Client.PostJson($"{V2}/spaces", new
        {
            key, name = "Roles " + key,
            roleAssignments = new[] { Assignment("USER", admin.AccountId, adminRole), Assignment("USER", creator.AccountId, viewer) },
        })).Expect(HttpStatusCode.Created).Json!;
        var spaceId = (string)created["id"]!;
        var assigned = await admin.Client.WalkAsync($"{V2}/spaces/{spaceId}/role-assignments");
        Assert.Equal([(admin.AccountId, adminRole), (creator.AccountId, viewer)],
            assigned.Select(a => ((string)a["principal"]!["principalId"]!, (string)a["roleId"]!)));
        // Exactly those: the creator is a Viewer (not the space's admin) and the site's users get nothing.
        Assert.Equal(ViewerPermissions, await V1PermissionsAsync(admin.Client, key, creator.AccountId));
        Assert.DoesNotContain(await admin.Client.WalkAsync($"{V2}/spaces/{spaceId}/permissions"), p => (string?)p["principal"]!["type"] == "group");
        (await (await NewUserAsync()).Client.Get($"/wiki/rest/api/space/{key}")).ExpectError(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SpaceRolesV2TestsOnSqlite(SqliteServerFixture fixture) : SpaceRolesV2Tests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class SpaceRolesV2TestsOnPostgres(PostgresServerFixture fixture) : SpaceRolesV2Tests(fixture);
