using Quire.Api.Tests.Infrastructure;
using System.Net;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;
using static Quire.Api.Tests.ContentRestrictions.RestrictionTestSupport;

namespace Quire.Api.Tests.Webhooks;

/// <summary>
/// Labels (label_created, label_added, label_removed, label_deleted), restrictions (content_permissions_updated) and
/// relations (relation_created, relation_deleted) announce their changes; no-ops and refused changes announce nothing.
/// </summary>
public abstract class LabelRestrictionRelationWebhookTests(ServerFixture fixture) : WebhookTest(fixture)
{
    private const string Api = "/wiki/rest/api";

    /// <summary>A label event: the label (id, name, prefix) and, when added or removed, the labelled entity as <c>labeled</c>.</summary>
    private const string LabelShape = """
        {
          "type": "object",
          "required": ["label"],
          "properties": {
            "label": {
              "type": "object", "required": ["id", "idAsString", "name", "prefix"],
              "properties": {
                "id": { "type": "integer" }, "idAsString": { "type": "string" },
                "name": { "type": "string", "minLength": 1 }, "prefix": { "enum": ["global", "team", "my"] }
              }
            }
          }
        }
        """;

    /// <summary>A relation event: <c>relationData</c> with its name, and its two ends, each typed.</summary>
    private const string RelationShape = """
        {
          "type": "object",
          "required": ["timestamp", "relationData", "source", "target"],
          "properties": {
            "relationData": { "type": "object", "required": ["name"], "properties": { "name": { "type": "string" } } },
            "source": { "type": "object", "required": ["type"], "properties": { "type": { "enum": ["user", "content", "space"] } } },
            "target": { "type": "object", "required": ["type"], "properties": { "type": { "enum": ["user", "content", "space"] } } }
          }
        }
        """;

    [SkippableFact]
    public async Task Labels_raise_created_on_first_use_added_and_removed_but_nothing_for_no_ops()
    {
        await RegisterAsync(["label_created", "label_added", "label_removed"]);
        var space = await NewSpaceAsync();
        var page = await NewPageAsync(space, "Labelled");
        var name = "wh" + Unique();

        (await Admin.PostJson($"{Api}/content/{page}/label", new[] { new { prefix = "global", name } })).Expect(HttpStatusCode.OK);
        var created = await Receiver.WaitForEventAsync("label_created", w => (string?)w["label"]?["name"] == name);
        WebhookPayloadShapes.AssertShape(LabelShape, created.Json, "label_created");
        Assert.Null(created["labeled"]);
        var added = await ContentEventAsync("label_added", "labeled", page);
        WebhookPayloadShapes.AssertShape(LabelShape, added.Json, "label_added");
        WebhookPayloadShapes.AssertContentSummary(added["labeled"], "label_added.labeled");
        Assert.Equal(name, (string?)added["label"]!["name"]);
        Assert.Equal("global", (string?)added["label"]!["prefix"]);
        Assert.Equal((long?)created["label"]!["id"], (long?)added["label"]!["id"]);

        // The label on a second page: added, not created again. Again on the first page: nothing.
        var other = await NewPageAsync(space, "Also labelled");
        (await Admin.PostJson($"{Api}/content/{page}/label", new[] { new { prefix = "global", name } })).Expect(HttpStatusCode.OK);
        (await Admin.PostJson($"{Api}/content/{other}/label", new[] { new { prefix = "global", name } })).Expect(HttpStatusCode.OK);
        await ContentEventAsync("label_added", "labeled", other);

        // Refused: removing a label the page does not have.
        (await Admin.Delete($"{Api}/content/{page}/label/absent{Unique()}")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Delete($"{Api}/content/{page}/label/{name}")).Expect(HttpStatusCode.NoContent);
        var removed = await ContentEventAsync("label_removed", "labeled", page);
        WebhookPayloadShapes.AssertShape(LabelShape, removed.Json, "label_removed");
        WebhookPayloadShapes.AssertContentSummary(removed["labeled"], "label_removed.labeled");
        Assert.Equal(name, (string?)removed["label"]!["name"]);

        Assert.Single(Receiver.Received, r => r.Event == "label_created" && (string?)r["label"]?["name"] == name);
        Assert.Equal(["label_added", "label_removed"], Receiver.Received.Where(r => (long?)r["labeled"]?["id"] == page).Select(r => r.Event));

        // A space label is announced with the space as what is labelled.
        (await Admin.PostJson($"{Api}/space/{space}/label", new[] { new { prefix = "global", name } })).Expect(HttpStatusCode.OK);
        var onSpace = await Receiver.WaitForEventAsync("label_added", w => (string?)w["labeled"]?["key"] == space);
        WebhookPayloadShapes.AssertShape(LabelShape, onSpace.Json, "label_added (space)");
        Assert.Equal(name, (string?)onSpace["label"]!["name"]);
        (await Admin.Delete($"{Api}/space/{space}/label?name={name}")).Expect(HttpStatusCode.NoContent);
        var offSpace = await Receiver.WaitForEventAsync("label_removed", w => (string?)w["labeled"]?["key"] == space);
        WebhookPayloadShapes.AssertShape(LabelShape, offSpace.Json, "label_removed (space)");
    }

    [SkippableFact]
    public async Task Removing_a_labels_last_use_deletes_it_and_a_new_use_creates_it_again()
    {
        await RegisterAsync(["label_created", "label_removed", "label_deleted"]);
        var space = await NewSpaceAsync();
        var page = await NewPageAsync(space, "Last use");
        var other = await NewPageAsync(space, "Other use");
        var name = "gone" + Unique();
        foreach (var id in new[] { page, other })
            (await Admin.PostJson($"{Api}/content/{id}/label", new[] { new { prefix = "global", name } })).Expect(HttpStatusCode.OK);
        (await Admin.PostJson($"{Api}/space/{space}/label", new[] { new { prefix = "global", name } })).Expect(HttpStatusCode.OK);
        var first = (long)(await Receiver.WaitForEventAsync("label_created", w => (string?)w["label"]?["name"] == name))["label"]!["id"]!;
        (await Admin.Call(HttpMethod.Post, $"{Api}/user/watch/label/{name}", xsrfHeader: true)).Expect(HttpStatusCode.NoContent);

        // Still carried by the other page and the space: removed from one page, not deleted.
        (await Admin.Delete($"{Api}/content/{page}/label/{name}")).Expect(HttpStatusCode.NoContent);
        (await Admin.Delete($"{Api}/content/{other}/label/{name}")).Expect(HttpStatusCode.NoContent);
        await ContentEventAsync("label_removed", "labeled", other);
        (await Admin.Get($"{Api}/label?name={name}")).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(Receiver.Received, r => r.Event == "label_deleted" && (string?)r["label"]?["name"] == name);

        // The space was its last use: the label is deleted, announced once, and its watches go with it.
        (await Admin.Delete($"{Api}/space/{space}/label?name={name}")).Expect(HttpStatusCode.NoContent);
        var deleted = await Receiver.WaitForEventAsync("label_deleted", w => (string?)w["label"]?["name"] == name);
        WebhookPayloadShapes.AssertShape(LabelShape, deleted.Json, "label_deleted");
        Assert.Null(deleted["labeled"]);
        Assert.Equal(first, (long?)deleted["label"]!["id"]);
        Assert.Equal("global", (string?)deleted["label"]!["prefix"]);
        // label_deleted follows label_removed: both are about the label's last use, one change.
        var order = Receiver.Received.Select(r => r.Event + ":" + (string?)r["label"]?["name"]).ToList();
        Assert.True(order.IndexOf("label_removed:" + name) < order.LastIndexOf("label_deleted:" + name));
        (await Admin.Get($"{Api}/label?name={name}")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get($"{Api}/user/watch/label/{name}")).ExpectError(HttpStatusCode.Forbidden);

        // A new use creates it again, under a new id, with no watch carried over.
        (await Admin.PostJson($"{Api}/content/{page}/label", new[] { new { prefix = "global", name } })).Expect(HttpStatusCode.OK);
        var again = await Receiver.WaitForEventAsync("label_created", w => (string?)w["label"]?["name"] == name && (long?)w["label"]?["id"] != first);
        Assert.NotEqual(first, (long)again["label"]!["id"]!);
        Assert.False((bool)(await Admin.Get($"{Api}/user/watch/label/{name}")).Expect(HttpStatusCode.OK).Json!["watching"]!);
        Assert.Single(Receiver.Received, r => r.Event == "label_deleted" && (string?)r["label"]?["name"] == name);
    }

    [SkippableFact]
    public async Task A_label_used_by_a_template_outlives_its_last_content_use()
    {
        await RegisterAsync(["label_deleted"]);
        var space = await NewSpaceAsync();
        var page = await NewPageAsync(space, "Templated label");
        var name = "tpl" + Unique();
        (await Admin.PostJson($"{Api}/template", new
        {
            name = "T " + name, templateType = "page", space = new { key = space },
            body = new { storage = new { value = "<p>t</p>", representation = "storage" } },
            labels = new[] { new { prefix = "global", name } },
        })).Expect(HttpStatusCode.OK);
        (await Admin.PostJson($"{Api}/content/{page}/label", new[] { new { prefix = "global", name } })).Expect(HttpStatusCode.OK);
        (await Admin.Delete($"{Api}/content/{page}/label/{name}")).Expect(HttpStatusCode.NoContent);

        // A later event in the same stream shows the removal's events are all in.
        (await Admin.PostJson($"{Api}/content/{page}/label", new[] { new { prefix = "global", name = "marker" + name } })).Expect(HttpStatusCode.OK);
        (await Admin.Delete($"{Api}/content/{page}/label/marker{name}")).Expect(HttpStatusCode.NoContent);
        await Receiver.WaitForEventAsync("label_deleted", w => (string?)w["label"]?["name"] == "marker" + name);
        Assert.DoesNotContain(Receiver.Received, r => r.Event == "label_deleted" && (string?)r["label"]?["name"] == name);
        (await Admin.Get($"{Api}/label?name={name}")).Expect(HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task Restriction_changes_raise_content_permissions_updated_unless_refused_or_no_op()
    {
        await RegisterAsync(["content_permissions_updated"]);
        var owner = await NewUserAsync();
        var reader = await NewUserAsync();
        var key = await owner.Client.SharedSpaceAsync([reader], [owner]);
        var page = long.Parse((string)(await owner.Client.PostJson($"{Api}/content", new
        {
            type = "page", title = "Restricted", space = new { key },
            body = new { storage = new { value = "<p>r</p>", representation = "storage" } },
        })).Expect(HttpStatusCode.OK).Json!["id"]!);

        // Refused: a read restriction leaving the owner out.
        (await owner.Client.PostJson(Restriction(page.ToString()), new[] { Entry("read", [reader.AccountId]) })).ExpectError(HttpStatusCode.BadRequest);

        await owner.Client.RestrictAsync(page.ToString(), Entry("read", [owner.AccountId, reader.AccountId]));
        var first = await ContentEventAsync("content_permissions_updated", "content", page);
        WebhookPayloadShapes.AssertContentEvent(first, "content");
        Assert.Equal(owner.AccountId, (string?)first["userAccountId"]);
        Assert.Equal("Restricted", (string?)first["content"]!["title"]);

        // The same restrictions again change nothing; a user taken out, and lifting them all, change something.
        await owner.Client.RestrictAsync(page.ToString(), Entry("read", [owner.AccountId, reader.AccountId]));
        (await owner.Client.Delete($"{Restriction(page.ToString())}/byOperation/read/user?accountId={reader.AccountId}")).Expect(HttpStatusCode.OK);
        (await owner.Client.Delete(Restriction(page.ToString()))).Expect(HttpStatusCode.OK);

        // One entity's events arrive in order: once an event about version 2 of the page is in, all before it are.
        (await owner.Client.PutJson($"{Api}/content/{page}", new { type = "page", title = "Restricted", version = new { number = 2 } }))
            .Expect(HttpStatusCode.OK);
        await owner.Client.RestrictAsync(page.ToString(), Entry("update", [owner.AccountId]));
        await Receiver.WaitForEventAsync("content_permissions_updated", w => (long?)w["content"]?["id"] == page && (int?)w["content"]?["version"] == 2);
        Assert.Equal(3, Receiver.Received.Count(w => (long?)w["content"]?["id"] == page && (int?)w["content"]?["version"] == 1));
    }

    [SkippableFact]
    public async Task A_private_v2_page_raises_page_created_then_content_permissions_updated()
    {
        await RegisterAsync(["page_created", "content_permissions_updated"]);
        var space = await NewSpaceAsync();
        var spaceId = ((long)(await Admin.Get($"{Api}/space/{space}")).Json!["id"]!).ToString();
        var page = long.Parse((string)(await Admin.CreateV2PageAsync(spaceId, "Private " + Unique(), query: "?private=true"))["id"]!);
        var restricted = await ContentEventAsync("content_permissions_updated", "content", page);
        WebhookPayloadShapes.AssertContentEvent(restricted, "content");
        // Both in the one transaction that made the page, in the order they happened.
        Assert.Equal(["page_created", "content_permissions_updated"],
            Receiver.Received.Where(r => ((long?)r["page"]?["id"] ?? (long?)r["content"]?["id"]) == page).Select(r => r.Event));
    }

    [SkippableFact]
    public async Task Relations_raise_created_and_deleted_once_each()
    {
        await RegisterAsync(["relation_created", "relation_deleted"]);
        var space = await NewSpaceAsync();
        var page = await NewPageAsync(space, "Related");
        var admin = await AdminAccountIdAsync();
        var name = "linked" + Unique();
        var url = $"{Api}/relation/{name}/from/user/{admin}/to/content/{page}";

        (await Admin.PutJson(url, new { })).Expect(HttpStatusCode.OK);
        var created = await Receiver.WaitForEventAsync("relation_created", w => (string?)w["relationData"]?["name"] == name);
        WebhookPayloadShapes.AssertShape(RelationShape, created.Json, "relation_created");
        Assert.Equal("user", (string?)created["source"]!["type"]);
        Assert.Equal(admin, (string?)created["source"]!["accountId"]);
        Assert.Equal("content", (string?)created["target"]!["type"]);
        WebhookPayloadShapes.AssertContentSummary(created["target"], "relation_created.target");
        Assert.Equal(page, (long?)created["target"]!["id"]);

        // Created again: it exists, nothing changes. Deleted twice: the second changes nothing.
        (await Admin.PutJson(url, new { })).Expect(HttpStatusCode.OK);
        (await Admin.Delete(url)).Expect(HttpStatusCode.NoContent);
        (await Admin.Delete(url)).Expect(HttpStatusCode.NoContent);
        var deleted = await Receiver.WaitForEventAsync("relation_deleted", w => (string?)w["relationData"]?["name"] == name);
        WebhookPayloadShapes.AssertShape(RelationShape, deleted.Json, "relation_deleted");

        // A favourite is a relation too.
        var favourite = $"{Api}/relation/favourite/from/user/current/to/space/{space}";
        (await Admin.PutJson(favourite, new { })).Expect(HttpStatusCode.OK);
        var favoured = await Receiver.WaitForEventAsync("relation_created", w => (string?)w["relationData"]?["name"] == "favourite" && (string?)w["target"]?["key"] == space);
        WebhookPayloadShapes.AssertShape(RelationShape, favoured.Json, "relation_created (favourite)");

        Assert.Equal(["relation_created", "relation_deleted"],
            Receiver.Received.Where(r => (string?)r["relationData"]?["name"] == name).Select(r => r.Event));
    }
}

[Collection(SqliteWebhookCollection.Name)]
public sealed class LabelRestrictionRelationWebhookTestsOnSqlite(SqliteWebhookFixture fixture) : LabelRestrictionRelationWebhookTests(fixture);

[Collection(PostgresWebhookCollection.Name)]
public sealed class LabelRestrictionRelationWebhookTestsOnPostgres(PostgresWebhookFixture fixture) : LabelRestrictionRelationWebhookTests(fixture);
