using Quire.Api.Tests.Infrastructure;
using System.Net;
using static Quire.Api.Tests.Webhooks.SiteWebhookShapes;

namespace Quire.Api.Tests.Webhooks;

/// <summary>
/// Spaces announce their creation (v1 and v2), changes (v1's update and settings), removal (when
/// the deletion task removes the row) and permission changes (v1; v2 has no permission writes),
/// with the space under <c>space</c>; refused changes and changes that change nothing announce nothing.
/// </summary>
public abstract class SpaceWebhookTests(ServerFixture fixture) : WebhookTest(fixture)
{
    private Task<ReceivedWebhook> SpaceEventAsync(string eventName, string key) =>
        Receiver.WaitForEventAsync(eventName, w => (string?)w["space"]?["key"] == key);

    [SkippableFact]
    public async Task Space_created_through_v1_and_v2_and_updated_through_v1_and_its_settings()
    {
        await RegisterAsync(["space_created", "space_updated"]);
        var admin = await AdminAccountIdAsync();
        var key = await NewSpaceAsync();

        var created = await SpaceEventAsync("space_created", key);
        AssertSpaceEvent(created);
        var space = created["space"]!;
        Assert.Equal(admin, (string?)created["userAccountId"]);
        Assert.Equal("Webhooks " + key, (string?)space["title"]);
        Assert.False((bool)space["isPersonalSpace"]!);
        Assert.Equal(admin, (string?)space["creatorAccountId"]);
        Assert.Equal($"http://quire.test/wiki/spaces/{key}", (string?)space["self"]);
        Assert.Equal("Webhooks " + key + " Home", (string?)space["homePage"]!["title"]);
        Assert.Equal("page", (string?)space["homePage"]!["contentType"]);
        var spaceId = (long)space["id"]!;

        var v2Key = "WV" + Unique().ToUpperInvariant();
        (await Admin.PostJson("/wiki/api/v2/spaces", new { key = v2Key, name = "From v2" })).Expect(HttpStatusCode.Created);
        Assert.Equal("From v2", (string?)(await SpaceEventAsync("space_created", v2Key))["space"]!["title"]);

        // Refused: a duplicate key creates nothing, and a homepage from elsewhere changes nothing.
        (await Admin.PostJson("/wiki/rest/api/space", new { key, name = "Again" })).ExpectError(HttpStatusCode.BadRequest);
        var elsewhere = await NewPageAsync(v2Key, "Elsewhere");
        (await Admin.PutJson($"/wiki/rest/api/space/{key}", new { name = "Nope", homepage = new { id = elsewhere.ToString() } }))
            .ExpectError(HttpStatusCode.BadRequest);
        // A change to what it already is announces nothing either.
        (await Admin.PutJson($"/wiki/rest/api/space/{key}", new { name = "Webhooks " + key })).Expect(HttpStatusCode.OK);

        (await Admin.PutJson($"/wiki/rest/api/space/{key}/settings", new { routeOverrideEnabled = true })).Expect(HttpStatusCode.OK);
        (await Admin.PutJson($"/wiki/rest/api/space/{key}", new
        {
            name = "Renamed", description = new { plain = new { value = "New words", representation = "plain" } }, status = "archived",
        })).Expect(HttpStatusCode.OK);
        var updated = await Receiver.WaitForEventAsync("space_updated", w => (long?)w["space"]?["id"] == spaceId && (string?)w["space"]?["title"] == "Renamed");
        AssertSpaceEvent(updated);
        Assert.Equal("New words", (string?)updated["space"]!["description"]);
        Assert.Equal(admin, (string?)updated["userAccountId"]);
        // One space's events arrive in order: the settings change came first, and anything the refused
        // or empty changes had raised would have come before both.
        Assert.Equal(["space_created", "space_updated", "space_updated"], EventsOfSpace(Receiver, key));
        Assert.Equal("Webhooks " + key, (string?)Receiver.Received.First(r => r.Event == "space_updated" && (long?)r["space"]?["id"] == spaceId)["space"]!["title"]);
    }

    [SkippableFact]
    public async Task Space_removed_is_raised_when_the_deletion_task_removes_the_space()
    {
        await RegisterAsync(["space_removed", "page_removed"]);
        var admin = await AdminAccountIdAsync();
        var key = await NewSpaceAsync();
        await NewPageAsync(key, "Goes with it");
        var outsider = await NewUserAsync();
        (await outsider.Client.Delete($"/wiki/rest/api/space/{key}")).ExpectError(HttpStatusCode.NotFound);

        (await Admin.Delete($"/wiki/rest/api/space/{key}")).Expect(HttpStatusCode.Accepted);
        var removed = await Receiver.WaitForEventAsync("space_removed", w => (string?)w["space"]?["key"] == key && (string?)w["userAccountId"] == admin);
        AssertSpaceEvent(removed);
        Assert.Equal(admin, (string?)removed["userAccountId"]);
        Assert.Equal("Webhooks " + key, (string?)removed["space"]!["title"]);
        (await Admin.Get($"/wiki/rest/api/space/{key}")).ExpectError(HttpStatusCode.NotFound);
        Assert.Equal(["space_removed"], EventsOfSpace(Receiver, key)); // the outsider's refused deletion raised nothing before it
        // The space's content goes with it unannounced (its batches committed before the space's event was written).
        Assert.Equal(0, await RaisedAsync(Server, "page_removed", $"\"spaceKey\":\"{key}\""));
    }

    [SkippableFact]
    public async Task Space_permission_changes_raise_space_permissions_updated_and_refused_or_empty_ones_do_not()
    {
        await RegisterAsync(["space_permissions_updated", "space_updated"]);
        var key = await NewSpaceAsync();
        var member = await NewUserAsync();
        var permissions = $"/wiki/rest/api/space/{key}/permission";
        object Grant(string operation, string target) => new
        {
            subject = new { type = "user", identifier = member.AccountId }, operation = new { key = operation, target },
        };
        object CustomContent(bool access) => new
        {
            subject = new { type = "user", identifier = member.AccountId },
            operations = new[] { new { key = "create", target = "ac:quire-test:note", access } },
        };

        // Refused: a permission without read/space first, and by someone who does not administer the space.
        (await Admin.PostJson(permissions, Grant("create", "page"))).ExpectError(HttpStatusCode.BadRequest);
        (await member.Client.PostJson(permissions, Grant("read", "space"))).ExpectError(HttpStatusCode.Forbidden);

        var read = (await Admin.PostJson(permissions, Grant("read", "space"))).Expect(HttpStatusCode.OK).Json!;
        var granted = await SpaceEventAsync("space_permissions_updated", key);
        AssertSpaceEvent(granted);
        Assert.Equal(await AdminAccountIdAsync(), (string?)granted["userAccountId"]);
        (await Admin.PostJson(permissions, Grant("read", "space"))).ExpectError(HttpStatusCode.BadRequest); // held already

        (await Admin.PostJson($"{permissions}/custom-content", CustomContent(true))).Expect(HttpStatusCode.OK);
        (await Admin.PostJson($"{permissions}/custom-content", CustomContent(true))).Expect(HttpStatusCode.OK); // held: no change
        (await Admin.PostJson($"{permissions}/custom-content", CustomContent(false))).Expect(HttpStatusCode.OK);
        (await Admin.PostJson($"{permissions}/custom-content", CustomContent(false))).Expect(HttpStatusCode.OK); // gone: no change

        // Four removals of the same grant at once: one removes it, the others find it gone (404) and announce nothing.
        var removals = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Admin.Delete($"{permissions}/{(long)read["id"]!}")));
        Assert.Single(removals, r => r.Status == HttpStatusCode.NoContent);
        Assert.All(removals.Where(r => r.Status != HttpStatusCode.NoContent), r => r.ExpectError(HttpStatusCode.NotFound));
        // A last change of another kind: once it arrives, everything raised before it about the space has.
        (await Admin.PutJson($"/wiki/rest/api/space/{key}", new { name = "Marker" })).Expect(HttpStatusCode.OK);
        await SpaceEventAsync("space_updated", key);
        // Granted read, granted and took away the custom content operation, removed read: four changes.
        Assert.Equal([.. Enumerable.Repeat("space_permissions_updated", 4), "space_updated"], EventsOfSpace(Receiver, key));
    }
}

[Collection(SqliteWebhookCollection.Name)]
public sealed class SpaceWebhookTestsOnSqlite(SqliteWebhookFixture fixture) : SpaceWebhookTests(fixture);

[Collection(PostgresWebhookCollection.Name)]
public sealed class SpaceWebhookTestsOnPostgres(PostgresWebhookFixture fixture) : SpaceWebhookTests(fixture);
