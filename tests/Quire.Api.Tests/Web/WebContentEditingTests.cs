using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Quire.Api.Tests.ApiV2;
using Quire.Api.Tests.Content;
using Quire.Api.Tests.ContentAttachments;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;

namespace Quire.Api.Tests.Web;

/// <summary>
/// The web interface's editing of what surrounds a page, as HTTP: drafts (saved again as drafts, published, seen by
/// their author alone), deleting attachments, adding and removing labels, moving a page to a space's top level. Each
/// goes through the API's Core services, so the API shows the result; refusals change nothing; hostile text is encoded.
/// </summary>
public abstract class WebContentEditingTests(ServerFixture fixture) : WebTest(fixture)
{
    private static async Task<JsonNode> ContentAsync(HttpClient api, string id, string status = "current") =>
        await api.GetContentAsync(id, $"?status={status}&expand=body.storage,version,ancestors,space");

    private static string BodyOf(JsonNode content) => (string)content["body"]!["storage"]!["value"]!;

    [SkippableFact]
    public async Task A_draft_is_started_saved_again_and_published_by_its_author_and_nobody_else_opens_it()
    {
        var (other, otherBrowser) = await NewSignedInUserAsync();
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key, permissions:
            [SpaceTestSupport.Permission("read", "space", [other.AccountId]), SpaceTestSupport.Permission("create", "page", [other.AccountId])]);
        var browser = await AdminBrowserAsync();

        // "Save as draft" on the create form: untitled is fine for a draft, and it opens in the draft editor.
        var started = await SubmitAsync(browser, $"/wiki/spaces/{key}/pages/create", "form.editor-form",
            new() { ["Title"] = "", ["Body"] = "first *words*", ["Intent"] = "draft" });
        Assert.Equal(HttpStatusCode.Redirect, started.Status);
        Assert.Matches("^/wiki/pages/resumedraft\\.action\\?draftId=\\d+$", started.Location);
        var id = started.Location!.Split('=')[1];
        var draft = await ContentAsync(Admin, id, "draft");
        Assert.Equal("draft", (string?)draft["status"]);
        Assert.Equal("<p>first <em>words</em></p>", BodyOf(draft));

        var editor = (await OpenAsync(browser, started.Location)).Expect(HttpStatusCode.OK);
        Assert.Equal("first *words*", editor.Document.QuerySelector("#editor-body")!.TextContent.Trim());
        Assert.Equal(["Publish", "Save draft"],
            editor.Document.QuerySelectorAll("form.editor-form button:not(.visually-hidden)").Select(b => b.TextContent.Trim()).ToList());

        // Saved again as a draft: the new text, still a draft, the same number, no history.
        var saved = await SubmitAsync(browser, started.Location, "form.editor-form",
            new() { ["Title"] = "Draft title", ["Body"] = "second", ["Intent"] = "draft" });
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal(started.Location + "&saved=true", saved.Location);
        Assert.Contains("Draft saved", (await OpenAsync(browser, saved.Location!)).Text("#editor-notice"));
        draft = await ContentAsync(Admin, id, "draft");
        Assert.Equal(("draft", "Draft title", 1, "<p>second</p>"),
            ((string?)draft["status"], (string?)draft["title"], (int)draft["version"]!["number"]!, BodyOf(draft)));

        // Nobody else opens or saves it (404, as the API hides it), even with a valid token of their own.
        Assert.Equal(HttpStatusCode.NotFound, (await OpenAsync(otherBrowser, started.Location)).Status);
        var (fields, _) = FormOf((await OpenAsync(otherBrowser, $"/wiki/spaces/{key}/pages/create")).Expect(HttpStatusCode.OK), "form.editor-form", "");
        fields["Title"] = "Taken";
        fields["Body"] = "theirs";
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(otherBrowser, started.Location, fields)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(otherBrowser, started.Location, new(fields) { ["Intent"] = "draft" })).Status);
        Assert.Equal("<p>second</p>", BodyOf(await ContentAsync(Admin, id, "draft")));

        // Publishing needs a title: the form again with the API's message and the text kept.
        var untitled = await SubmitAsync(browser, started.Location, "form.editor-form", new() { ["Title"] = " ", ["Body"] = "kept text" });
        Assert.Equal(HttpStatusCode.BadRequest, untitled.Status);
        Assert.Contains("must have a title", untitled.Text("#editor-error"));
        Assert.Equal("kept text", untitled.Document.QuerySelector("#editor-body")!.TextContent.Trim());
        Assert.Equal("draft", (string?)(await ContentAsync(Admin, id, "draft"))["status"]);

        // Published: current, as the API's publish makes it, at its webui; the editui now leads to the page editor.
        var published = await SubmitAsync(browser, started.Location, "form.editor-form", new() { ["Title"] = "Published draft", ["Body"] = "final" });
        Assert.Equal(HttpStatusCode.Redirect, published.Status);
        Assert.Matches($"^/wiki/spaces/{key}/pages/{id}/Published\\+draft$", published.Location);
        var page = await ContentAsync(Admin, id);
        Assert.Equal(("current", 1, "<p>final</p>"), ((string?)page["status"], (int)page["version"]!["number"]!, BodyOf(page)));
        Assert.Equal($"/wiki/pages/editpage.action?pageId={id}", (await OpenAsync(browser, started.Location)).Location);
        Assert.Equal(HttpStatusCode.OK, (await OpenAsync(otherBrowser, published.Location!)).Status);
    }

    [SkippableFact]
    public async Task A_drafts_page_view_offers_its_author_the_draft_editor()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var id = (string)(await Admin.CreatePageAsync(key, "Unpublished", status: "draft"))["id"]!;
        var view = (await FollowAsync(await AdminBrowserAsync(), $"/wiki/spaces/{key}/pages/{id}")).Expect(HttpStatusCode.OK);
        Assert.Equal($"/wiki/pages/resumedraft.action?draftId={id}",
            view.Document.QuerySelectorAll(".page-actions a").Single(a => a.TextContent.Trim() == "Edit draft").GetAttribute("href"));
    }

    [SkippableFact]
    public async Task An_attachment_is_deleted_after_a_confirmation_and_who_may_not_delete_gets_403()
    {
        var (writer, writerBrowser) = await NewSignedInUserAsync();
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key, permissions:
        [
            SpaceTestSupport.Permission("read", "space", [writer.AccountId]), SpaceTestSupport.Permission("create", "page", [writer.AccountId]),
            SpaceTestSupport.Permission("create", "attachment", [writer.AccountId]),
        ]);
        var pageId = (string)(await Admin.CreatePageAsync(key, "With files"))["id"]!;
        const string hostile = "<img src=x onerror=alert(1)>.txt";
        var file = ((string)(await Admin.AttachAsync(pageId, new UploadFile(hostile, AttachmentTestSupport.Bytes("bytes"))))[0]!["id"]!)["att".Length..];
        var confirm = $"/wiki/pages/removeattachment.action?attachmentId={file}";

        // The writer may add files but not delete them: no delete action, and 403 for the page and the post.
        var writerView = (await OpenAsync(writerBrowser, $"/wiki/spaces/{key}/pages/{pageId}")).Expect(HttpStatusCode.OK);
        Assert.Empty(writerView.Document.QuerySelectorAll("a.attachment-delete"));
        Assert.Empty((await OpenAsync(writerBrowser, $"/wiki/pages/viewpageattachments.action?pageId={pageId}")).Document.QuerySelectorAll("a.attachment-delete"));
        Assert.Equal(HttpStatusCode.Forbidden, (await OpenAsync(writerBrowser, confirm)).Status);
        var (fields, _) = FormOf((await OpenAsync(writerBrowser, $"/wiki/pages/editpage.action?pageId={pageId}")).Expect(HttpStatusCode.OK), "form.editor-form", "");
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(writerBrowser, confirm, fields)).Status);
        Assert.Single((await Admin.Get(AttachmentTestSupport.Attachments(pageId))).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray());

        // The admin sees the action on the view and the list, confirms with a button naming the file (encoded), and it is gone.
        var browser = await AdminBrowserAsync();
        var view = (await OpenAsync(browser, $"/wiki/spaces/{key}/pages/{pageId}")).Expect(HttpStatusCode.OK);
        Assert.Equal(confirm, view.Document.QuerySelector("a.attachment-delete")!.GetAttribute("href"));
        Assert.Equal("Delete " + hostile, view.Document.QuerySelector("a.attachment-delete")!.GetAttribute("aria-label"));
        var page = (await OpenAsync(browser, confirm)).Expect(HttpStatusCode.OK);
        Assert.Equal("Delete " + hostile, page.Text("form.remove-attachment-form button[type=submit]"));
        Assert.Empty(page.Document.QuerySelectorAll("main img"));
        Assert.Single((await Admin.Get(AttachmentTestSupport.Attachments(pageId))).Json!["results"]!.AsArray());

        var deleted = await SubmitAsync(browser, confirm, "form.remove-attachment-form", []);
        Assert.Equal(HttpStatusCode.Redirect, deleted.Status);
        Assert.Equal($"/wiki/pages/viewpageattachments.action?pageId={pageId}", deleted.Location);
        Assert.Empty((await Admin.Get(AttachmentTestSupport.Attachments(pageId))).Json!["results"]!.AsArray());
        Assert.Equal("trashed", (string?)(await Admin.GetContentAsync("att" + file, "?status=trashed"))["status"]);
        Assert.Equal(HttpStatusCode.NotFound, (await OpenAsync(browser, confirm)).Status);
    }

    [SkippableFact]
    public async Task Labels_are_added_and_removed_on_the_page_view_with_the_APIs_rules_and_only_by_editors()
    {
        var (reader, readerBrowser) = await NewSignedInUserAsync();
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key, permissions: [SpaceTestSupport.Permission("read", "space", [reader.AccountId])]);
        var id = (string)(await Admin.CreatePageAsync(key, "Labelled"))["id"]!;
        var viewPath = $"/wiki/spaces/{key}/pages/{id}";
        var browser = await AdminBrowserAsync();
        async Task<List<string>> LabelsAsync() =>
            (await Admin.Get($"/wiki/rest/api/content/{id}/label")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray()
                .Select(l => (string)l!["name"]!).ToList();

        var view = (await OpenAsync(browser, viewPath)).Expect(HttpStatusCode.OK);
        Assert.NotNull(view.Document.QuerySelector("label[for=new-label-" + id + "]"));
        var added = await SubmitAsync(browser, viewPath, "form.label-add-form", new() { ["Name"] = "Release-Notes" });
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        Assert.Equal($"{viewPath}/Labelled#labels-{id}", added.Location);
        Assert.Equal(["release-notes"], await LabelsAsync());

        // A bad name is a 400 page with the API's own message; nothing is added.
        var apiRefusal = (await Admin.PostJson($"/wiki/rest/api/content/{id}/label", new[] { new { prefix = "global", name = "two words" } }))
            .Expect(HttpStatusCode.BadRequest).ErrorMessage;
        var bad = await SubmitAsync(browser, viewPath, "form.label-add-form", new() { ["Name"] = "two words" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal(apiRefusal, bad.Text("[role=alert]"));

        // A hostile name never becomes markup: refused or added, it is text.
        const string hostile = "<script>alert(1)</script><img/src=x/onerror=alert(2)>";
        var attempt = await SubmitAsync(browser, viewPath, "form.label-add-form", new() { ["Name"] = hostile });
        var shown = attempt.Status == HttpStatusCode.Redirect ? await OpenAsync(browser, viewPath) : attempt;
        Assert.Empty(shown.Document.QuerySelectorAll("main script, main img"));
        Assert.Contains(hostile.ToLowerInvariant(), shown.Document.QuerySelector("main")!.TextContent);

        // A reader sees the labels but no forms, and a post with a valid token of theirs is 403 and changes nothing.
        var readerView = (await OpenAsync(readerBrowser, viewPath)).Expect(HttpStatusCode.OK);
        Assert.Contains("release-notes", readerView.Document.QuerySelectorAll(".labels a").Select(a => a.TextContent));
        Assert.Empty(readerView.Document.QuerySelectorAll("form.label-add-form, form.label-remove-form"));
        var (fields, _) = FormOf((await OpenAsync(readerBrowser, "/wiki/account/tokens")).Expect(HttpStatusCode.OK), "form.token-form", "");
        Assert.Equal(HttpStatusCode.Forbidden,
            (await PostAsync(readerBrowser, $"/wiki/pages/editlabels.action?pageId={id}&handler=Remove", new(fields) { ["Label"] = "global:release-notes" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await PostAsync(readerBrowser, $"/wiki/pages/editlabels.action?pageId={id}&handler=Add", new(fields) { ["Name"] = "mine" })).Status);
        Assert.Contains("release-notes", await LabelsAsync());
        Assert.DoesNotContain("mine", await LabelsAsync());

        // The editor removes it with its button.
        var removeForm = (await OpenAsync(browser, viewPath)).Document.QuerySelectorAll("form.label-remove-form")
            .Single(f => f.QuerySelector("input[name=Label]")!.GetAttribute("value") == "global:release-notes");
        Assert.Equal("Remove label release-notes", removeForm.QuerySelector("button")!.GetAttribute("aria-label"));
        var removeFields = removeForm.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>().ToDictionary(i => i.Name!, i => i.Value);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(browser, removeForm.GetAttribute("action")!, removeFields)).Status);
        Assert.DoesNotContain("release-notes", await LabelsAsync());
    }

    [SkippableFact]
    public async Task A_folder_takes_labels_on_its_view_as_the_API_labels_it()
    {
        var (_, spaceId, _) = await Admin.CreateSpaceWithHomepageAsync();
        var folder = (await Admin.PostJson($"{ApiV2TestSupport.V2}/folders",
            new { spaceId = spaceId.ToString(System.Globalization.CultureInfo.InvariantCulture), title = "Labelled folder" })).Expect(HttpStatusCode.OK).Json!;
        var (id, viewPath) = ((string)folder["id"]!, "/wiki" + (string)folder["_links"]!["webui"]!);
        var browser = await AdminBrowserAsync();

        var added = await SubmitAsync(browser, viewPath, "form.label-add-form", new() { ["Name"] = "in-a-folder" });
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        var labels = (await Admin.Get($"/wiki/rest/api/content/{id}/label")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray();
        Assert.Equal(["in-a-folder"], labels.Select(l => (string)l!["name"]!));
        Assert.Contains("in-a-folder", (await OpenAsync(browser, viewPath)).Document.QuerySelectorAll(".labels a").Select(a => a.TextContent));
    }

    [SkippableFact]
    public async Task Enter_in_a_drafts_editor_saves_the_draft_and_publishing_takes_its_own_button()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var id = (string)(await Admin.CreatePageAsync(key, "Private thoughts", status: "draft"))["id"]!;
        var browser = await AdminBrowserAsync();
        // A browser's Enter in a field presses the form's first submit button.
        var draftEditor = (await OpenAsync(browser, $"/wiki/pages/resumedraft.action?draftId={id}")).Expect(HttpStatusCode.OK);
        var first = draftEditor.Document.QuerySelector("form.editor-form button[type=submit]")!;
        Assert.Equal(("Intent", "draft"), (first.GetAttribute("name"), first.GetAttribute("value")));
        Assert.Contains(draftEditor.Document.QuerySelectorAll("form.editor-form button[type=submit]"), b => b.TextContent.Trim() == "Publish");
        // On the create form Enter publishes, as it always has: nothing private is at stake there.
        var createForm = (await OpenAsync(browser, $"/wiki/spaces/{key}/pages/create")).Expect(HttpStatusCode.OK);
        Assert.Null(createForm.Document.QuerySelector("form.editor-form button[type=submit]")!.GetAttribute("name"));
    }

    [SkippableFact]
    public async Task A_page_moves_with_its_children_to_the_top_level_of_its_space_and_of_another()
    {
        var (editor, editorBrowser) = await NewSignedInUserAsync();
        var (key, other, closed) = (SpaceTestSupport.NewKey(), SpaceTestSupport.NewKey(), SpaceTestSupport.NewKey());
        object[] Writes() => [SpaceTestSupport.Permission("read", "space", [editor.AccountId]), SpaceTestSupport.Permission("create", "page", [editor.AccountId])];
        await Admin.CreateSpaceAsync(key, permissions: Writes());
        await Admin.CreateSpaceAsync(other, permissions: Writes());
        await Admin.CreateSpaceAsync(closed, permissions: [SpaceTestSupport.Permission("read", "space", [editor.AccountId])]);
        var root = (string)(await Admin.CreatePageAsync(key, "Root"))["id"]!;
        var wanderer = (string)(await Admin.CreatePageAsync(key, "Wanderer", parentId: root))["id"]!;
        var child = (string)(await Admin.CreatePageAsync(key, "Wanderer's child", parentId: wanderer))["id"]!;
        // The move's page_moved event, as an API move raises it.
        await using var receiver = await Webhooks.WebhookReceiver.StartAsync();
        var webhook = (long)(await Admin.PostJson("/wiki/rest/api/webhooks",
            new { name = "moves " + Unique(), url = receiver.Url, events = new[] { "page_moved" }, active = true })).Expect(HttpStatusCode.Created).Json!["id"]!;
        var movePath = $"/wiki/pages/movepage.action?pageId={wanderer}";
        var form = (await OpenAsync(editorBrowser, movePath)).Expect(HttpStatusCode.OK);
        Assert.Equal(key, form.Document.QuerySelector("#move-top-space")!.GetAttribute("value"));

        var top = await SubmitAsync(editorBrowser, movePath, "form.move-top-form", new() { ["TargetSpaceKey"] = key });
        Assert.Equal(HttpStatusCode.Redirect, top.Status);
        Assert.Empty((await ContentAsync(Admin, wanderer))["ancestors"]!.AsArray());
        Assert.Equal([wanderer], (await ContentAsync(Admin, child))["ancestors"]!.AsArray().Select(a => (string?)a!["id"]).ToList());
        var moved1 = await receiver.WaitForEventAsync("page_moved", w => (string?)w["page"]?["id"]?.ToString() == wanderer);
        Assert.Equal(root, moved1["oldParent"]!["id"]!.ToString());
        Assert.Null(moved1["newParent"]);
        await Admin.Delete($"/wiki/rest/api/webhooks/{webhook}");
        var topLevel = (await Admin.Get($"/wiki/rest/api/space/{key}/content/page?depth=root")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray();
        // At the end of the top level (after the space's homepage and Root), in a valid order.
        Assert.Equal([root, wanderer], topLevel.Select(p => (string?)p!["id"]).Where(p => p == root || p == wanderer).ToList());
        Assert.Equal(wanderer, (string?)topLevel[^1]!["id"]);

        // Into another space, the child along; a space the editor may not create in is 403, an unknown key the form again with 404.
        Assert.Equal(HttpStatusCode.Forbidden, (await SubmitAsync(editorBrowser, movePath, "form.move-top-form", new() { ["TargetSpaceKey"] = closed })).Status);
        var unknown = await SubmitAsync(editorBrowser, movePath, "form.move-top-form", new() { ["TargetSpaceKey"] = "NOSUCH" + key });
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("NOSUCH", unknown.Text("[role=alert]"));
        Assert.Equal(key, (string?)(await ContentAsync(Admin, wanderer))["space"]!["key"]);

        var moved = await SubmitAsync(editorBrowser, movePath, "form.move-top-form", new() { ["TargetSpaceKey"] = other });
        Assert.Equal(HttpStatusCode.Redirect, moved.Status);
        Assert.StartsWith($"/wiki/spaces/{other}/pages/{wanderer}/", moved.Location);
        var (page, below) = (await ContentAsync(Admin, wanderer), await ContentAsync(Admin, child));
        Assert.Equal((other, other), ((string?)page["space"]!["key"], (string?)below["space"]!["key"]));
        Assert.Empty(page["ancestors"]!.AsArray());
        Assert.Equal([wanderer], below["ancestors"]!.AsArray().Select(a => (string?)a!["id"]).ToList());
        var leftBehind = (await Admin.Get($"/wiki/rest/api/space/{key}/content/page?depth=root")).Json!["results"]!.AsArray().Select(p => (string?)p!["id"]).ToList();
        Assert.Contains(root, leftBehind);
        Assert.DoesNotContain(wanderer, leftBehind);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WebContentEditingTestsOnSqlite(SqliteServerFixture fixture) : WebContentEditingTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class WebContentEditingTestsOnPostgres(PostgresServerFixture fixture) : WebContentEditingTests(fixture);
