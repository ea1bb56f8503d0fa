using Quire.Api.Tests.Cli;
using Quire.Api.Tests.Infrastructure;
using Quire.Server.Cli;
using System.Net;
using static Quire.Api.Tests.Webhooks.SiteWebhookShapes;

namespace Quire.Api.Tests.Webhooks;

/// <summary>
/// Groups announce their creation and removal (v1's group API), users their creation (the admin
/// endpoint, v2's invitation and the command line, whose event the running server delivers);
/// refused changes announce nothing.
/// </summary>
public abstract class GroupAndUserWebhookTests(ServerFixture fixture) : WebhookTest(fixture)
{
    private IEnumerable<ReceivedWebhook> OfGroup(string name) => Receiver.Received.Where(r => (string?)r["group"]?["name"] == name);

    [SkippableFact]
    public async Task Groups_raise_group_created_and_group_removed_by_name_and_by_id()
    {
        await RegisterAsync(["group_created", "group_removed"]);
        var admin = await AdminAccountIdAsync();
        var outsider = await NewUserAsync();
        var name = "webhook-group-" + Unique();
        var other = "webhook-other-" + Unique();
        (await outsider.Client.PostJson("/wiki/rest/api/group", new { name })).ExpectError(HttpStatusCode.Forbidden);

        var id = (string)(await Admin.PostJson("/wiki/rest/api/group", new { name })).Expect(HttpStatusCode.Created).Json!["id"]!;
        (await Admin.PostJson("/wiki/rest/api/group", new { name })).ExpectError(HttpStatusCode.BadRequest); // exists
        (await Admin.PostJson("/wiki/rest/api/group", new { name = other })).Expect(HttpStatusCode.Created);
        var created = await Receiver.WaitForEventAsync("group_created", w => (string?)w["group"]?["name"] == name);
        AssertGroupEvent(created);
        Assert.Equal(id, (string?)created["group"]!["id"]);
        Assert.Equal(admin, (string?)created["userAccountId"]);

        (await outsider.Client.Delete($"/wiki/rest/api/group/by-id?id={id}")).ExpectError(HttpStatusCode.Forbidden);
        (await Admin.Delete($"/wiki/rest/api/group/by-id?id={id}")).Expect(HttpStatusCode.NoContent);
        (await Admin.Delete($"/wiki/rest/api/group/by-id?id={id}")).ExpectError(HttpStatusCode.NotFound); // gone already
        (await Admin.Delete($"/wiki/rest/api/group?name={other}")).Expect(HttpStatusCode.NoContent);
        (await Admin.Delete("/wiki/rest/api/group?name=confluence-users")).ExpectError(HttpStatusCode.BadRequest); // a default group

        var removed = await Receiver.WaitForEventAsync("group_removed", w => (string?)w["group"]?["name"] == other);
        AssertGroupEvent(removed);
        await Receiver.WaitForEventAsync("group_removed", w => (string?)w["group"]?["id"] == id);
        // The refused creations would have had groups of their own (other entities): the outbox says they raised nothing.
        Assert.Equal(1, await RaisedAsync(Server, "group_created", $"\"{name}\""));
        Assert.Equal(1, await RaisedAsync(Server, "group_removed", $"\"{name}\""));
        Assert.Equal(0, await RaisedAsync(Server, "group_removed", "\"confluence-users\""));
        Assert.Equal(["group_created", "group_removed"], OfGroup(name).Select(r => r.Event));
        Assert.Equal(["group_created", "group_removed"], OfGroup(other).Select(r => r.Event));
    }

    [SkippableFact]
    public async Task Users_created_by_the_admin_endpoint_and_v2_invitation_raise_user_created_without_their_email()
    {
        await RegisterAsync(["user_created"]);
        var admin = await AdminAccountIdAsync();
        var user = await NewUserAsync("Hooked Person");
        var created = await Receiver.WaitForEventAsync("user_created", w => (string?)w["userProfile"]?["accountId"] == user.AccountId);
        AssertUserEvent(created);
        Assert.Equal("Hooked Person", (string?)created["userProfile"]!["displayName"]);
        Assert.Equal(admin, (string?)created["userAccountId"]);
        Assert.DoesNotContain(user.Email, created.Body);

        // Refused: an e-mail address that is taken, and an invitation by someone who is not a site admin.
        var local = "invited" + Unique();
        (await Admin.PostJson("/wiki/rest/api/admin/user", new
        {
            userName = "dup" + Unique(), email = user.Email, displayName = "Duplicate", password = "pw-" + Unique(),
        })).ExpectError(HttpStatusCode.BadRequest);
        (await user.Client.PostJson("/wiki/api/v2/user/access/invite-by-email", new { emails = new[] { $"{local}@example.test" } }))
            .ExpectV2Error(HttpStatusCode.Forbidden);

        (await Admin.PostJson("/wiki/api/v2/user/access/invite-by-email", new { emails = new[] { $"{local}@example.test", user.Email } }))
            .Expect(HttpStatusCode.OK);
        var invited = await Receiver.WaitForEventAsync("user_created", w => (string?)w["userProfile"]?["displayName"] == local);
        AssertUserEvent(invited);
        Assert.Equal(admin, (string?)invited["userAccountId"]);
        // Each user is an entity of its own, so arrival order says nothing: the outbox shows that the
        // refused creation and invitation raised nothing, and the address that had access no second event.
        Assert.Equal(0, await RaisedAsync(Server, "user_created", "\"Duplicate\""));
        Assert.Equal(1, await RaisedAsync(Server, "user_created", $"\"{local}\""));
        Assert.Equal(1, await RaisedAsync(Server, "user_created", user.AccountId));
    }

    [SkippableFact]
    public async Task A_user_added_on_the_command_line_reaches_the_receiver_of_the_running_server()
    {
        await RegisterAsync(["user_created"]);
        var email = $"cli{Unique()}@example.test";
        var output = new StringWriter();
        var exit = await QuireCommandLine.RunAsync(
            ["user", "add", "--email", email, "--display-name", "From The Command Line", .. CommandLineTests.Options(new(Server.Settings))], output);
        Assert.Equal(0, exit);

        // The command line wrote the event in its own process; the server's dispatcher finds it by polling.
        var created = await Receiver.WaitForEventAsync("user_created", w => (string?)w["userProfile"]?["displayName"] == "From The Command Line");
        AssertUserEvent(created);
        Assert.Contains((string)created["userProfile"]!["accountId"]!, output.ToString());
        Assert.Null(created["userAccountId"]); // the command line acts as the system, not as a user

        await RegisterAsync(["user_removed"]);
        output = new StringWriter();
        exit = await QuireCommandLine.RunAsync(["user", "remove", "--user", email, .. CommandLineTests.Options(new(Server.Settings))], output);
        Assert.Equal(0, exit);
        var removed = await Receiver.WaitForEventAsync("user_removed", w => (string?)w["userProfile"]?["displayName"] == "From The Command Line");
        AssertUserEvent(removed);
        Assert.Contains("removed user", output.ToString());
    }

    [SkippableFact]
    public async Task Removing_a_user_raises_user_removed_and_a_refused_removal_raises_nothing()
    {
        await RegisterAsync(["user_removed"]);
        var admin = await AdminAccountIdAsync();
        var user = await NewUserAsync("Departing Person");
        var bystander = await NewUserAsync();
        (await bystander.Client.Delete($"/wiki/rest/api/admin/user/{user.AccountId}")).ExpectError(HttpStatusCode.Forbidden);

        (await Admin.Delete($"/wiki/rest/api/admin/user/{user.AccountId}")).Expect(HttpStatusCode.NoContent);
        var removed = await Receiver.WaitForEventAsync("user_removed", w => (string?)w["userProfile"]?["accountId"] == user.AccountId);
        AssertUserEvent(removed);
        Assert.Equal("Departing Person", (string?)removed["userProfile"]!["displayName"]);
        Assert.Equal(admin, (string?)removed["userAccountId"]);
        Assert.DoesNotContain(user.Email, removed.Body);

        (await Admin.Delete($"/wiki/rest/api/admin/user/{user.AccountId}")).ExpectError(HttpStatusCode.NotFound);
        Assert.Equal(1, await RaisedAsync(Server, "user_removed", user.AccountId));
    }
}

[Collection(SqliteWebhookCollection.Name)]
public sealed class GroupAndUserWebhookTestsOnSqlite(SqliteWebhookFixture fixture) : GroupAndUserWebhookTests(fixture);

[Collection(PostgresWebhookCollection.Name)]
public sealed class GroupAndUserWebhookTestsOnPostgres(PostgresWebhookFixture fixture) : GroupAndUserWebhookTests(fixture);
