using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Quire.Api.Tests.Content;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;

namespace Quire.Api.Tests.Web;

/// <summary>
/// The web editor and the pages around it, as HTTP: creating and editing in Markdown through the API's own
/// services, the version conflict (nothing typed is lost), history with diffs and restore, comments, uploads,
/// trash and move; refusals (no permission, no antiforgery token, bad input) change nothing; hostile text is encoded.
/// </summary>
public abstract class WebEditingTests(ServerFixture fixture) : WebTest(fixture)
{
    private const string Macro = "<ac:structured-macro ac:name=\"info\" ac:macro-id=\"m-1\"><ac:rich-text-body><p>Kept</p></ac:rich-text-body></ac:structured-macro>";

    private static async Task<JsonNode> ContentAsync(HttpClient api, string id) =>
        await api.GetContentAsync(id, "?expand=body.storage,version,ancestors");

    [SkippableFact]
    public async Task A_page_and_a_blog_post_are_created_from_Markdown_and_open_at_their_webui_address()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var browser = await AdminBrowserAsync();

        var form = (await OpenAsync(browser, $"/wiki/spaces/{key}/pages/create")).Expect(HttpStatusCode.OK);
        foreach (var input in form.Document.QuerySelectorAll("form.editor-form input:not([type=hidden]), form.editor-form textarea"))
            Assert.NotNull(form.Document.QuerySelector($"label[for='{input.Id}']"));

        var created = await SubmitAsync(browser, $"/wiki/spaces/{key}/pages/create", "form.editor-form",
            new() { ["Title"] = "Made on the web", ["Body"] = "# Hello\n\nSome **bold** text.\n\n```storage\n" + Macro + "\n```" });
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        Assert.Matches($"^/wiki/spaces/{key}/pages/\\d+/Made\\+on\\+the\\+web$", created.Location);
        var id = created.Location!.Split('/')[5];
        var page = await ContentAsync(Admin, id);
        Assert.Equal("<h1>Hello</h1><p>Some <strong>bold</strong> text.</p>" + Macro, (string?)page["body"]!["storage"]!["value"]);

        var post = await SubmitAsync(browser, $"/wiki/spaces/{key}/blog/create", "form.editor-form",
            new() { ["Title"] = "News", ["Body"] = "It *works*." });
        Assert.Equal(HttpStatusCode.Redirect, post.Status);
        Assert.Matches($"^/wiki/spaces/{key}/blog/\\d{{4}}/\\d{{2}}/\\d{{2}}/\\d+/News$", post.Location);
    }

    [SkippableFact]
    public async Task An_editor_post_whose_antiforgery_token_failed_shows_the_text_again_on_the_400_page()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var id = (string)(await Admin.CreatePageAsync(key, "Keep my text", "<p>old words</p>"))["id"]!;
        var browser = await AdminBrowserAsync();
        var form = (await OpenAsync(browser, $"/wiki/pages/editpage.action?pageId={id}")).Expect(HttpStatusCode.OK);
        var version = ((IHtmlInputElement)form.Document.QuerySelector("input[name=BaseVersion]")!).Value;

        // The token is stale (a cookie replaced meanwhile): the post is refused, and the text is on the page.
        var refused = await PostAsync(browser, $"/wiki/pages/editpage.action?pageId={id}", new()
        {
            ["__antiforgery"] = "stale", ["BaseVersion"] = version, ["Title"] = "Keep my title", ["Body"] = "\nAn hour of <b>careful</b> writing.",
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("Bad request", refused.Text("main h1"));
        Assert.Equal("\nAn hour of <b>careful</b> writing.", ((IHtmlTextAreaElement)refused.Document.QuerySelector("textarea#posted-body")!).Value);
        Assert.Equal("Keep my title", ((IHtmlInputElement)refused.Document.QuerySelector("input#posted-title")!).Value);
        Assert.NotNull(refused.Document.QuerySelector("label[for=posted-body]"));
        Assert.Empty(refused.Document.QuerySelectorAll("main b"));
        // Nothing was saved.
        Assert.Contains("old words", (await Admin.Get($"/wiki/rest/api/content/{id}?expand=body.storage")).Body);
    }

    [SkippableFact]
    public async Task Editing_shows_Markdown_keeps_macros_and_saves_the_next_version()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var id = (string)(await Admin.CreatePageAsync(key, "Edit me", "<p>old words</p>" + Macro))["id"]!;
        var browser = await AdminBrowserAsync();

        var form = (await OpenAsync(browser, $"/wiki/pages/editpage.action?pageId={id}")).Expect(HttpStatusCode.OK);
        var markdown = form.Document.QuerySelector("#editor-body")!.TextContent;
        Assert.StartsWith("old words\n\n```storage\n", markdown);
        Assert.Equal("1", ((IHtmlInputElement)form.Document.QuerySelector("input[name=BaseVersion]")!).Value);

        var saved = await SubmitAsync(browser, $"/wiki/pages/editpage.action?pageId={id}", "form.editor-form",
            new() { ["Title"] = "Edited", ["Body"] = markdown.Replace("old words", "new *words*"), ["VersionMessage"] = "web edit" });
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var page = await ContentAsync(Admin, id);
        Assert.Equal(2, (int)page["version"]!["number"]!);
        Assert.Equal("web edit", (string?)page["version"]!["message"]);
        Assert.Equal("Edited", (string?)page["title"]);
        Assert.Equal("<p>new <em>words</em></p>" + Macro, (string?)page["body"]!["storage"]!["value"]);
    }

    [SkippableFact]
    public async Task A_save_after_someone_else_saved_shows_the_conflict_keeps_the_text_and_can_then_save_over_it()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var id = (string)(await Admin.CreatePageAsync(key, "Contested", "<p>base</p>"))["id"]!;
        var browser = await AdminBrowserAsync();
        var path = $"/wiki/pages/editpage.action?pageId={id}";
        var (fields, action) = FormOf((await OpenAsync(browser, path)).Expect(HttpStatusCode.OK), "form.editor-form", path);

        await Admin.UpdateAsync(id, 2, "Contested", "<p>their change</p>");
        fields["Title"] = "Contested";
        fields["Body"] = "my change";
        var conflict = await PostAsync(browser, action, fields);
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Contains("Someone else saved", conflict.Text(".editor-conflict h2"));
        Assert.Equal("my change", conflict.Document.QuerySelector("#editor-body")!.TextContent);
        Assert.Contains("their change", conflict.Document.QuerySelector(".editor-conflict table.diff tr.diff-deleted")!.TextContent);
        Assert.Equal("their", conflict.Document.QuerySelector(".editor-conflict table.diff tr.diff-deleted del")!.TextContent);
        Assert.Equal("Save over version 2", conflict.Text("form.editor-form button[type=submit]"));
        Assert.Equal("<p>their change</p>", (string?)(await ContentAsync(Admin, id))["body"]!["storage"]!["value"]);

        var (again, againAction) = FormOf(conflict, "form.editor-form", path);
        Assert.Equal("2", again["BaseVersion"]);
        again["Title"] = "Contested";
        again["Body"] = conflict.Document.QuerySelector("#editor-body")!.TextContent;
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(browser, againAction, again)).Status);
        var page = await ContentAsync(Admin, id);
        Assert.Equal(3, (int)page["version"]!["number"]!);
        Assert.Equal("<p>my change</p>", (string?)page["body"]!["storage"]!["value"]);
    }

    [SkippableFact]
    public async Task A_reader_without_edit_permission_gets_403_and_a_post_changes_nothing()
    {
        var (reader, browser) = await NewSignedInUserAsync();
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key, permissions: [SpaceTestSupport.Permission("read", "space", [reader.AccountId])]);
        var id = (string)(await Admin.CreatePageAsync(key, "Read only", "<p>fixed</p>"))["id"]!;

        // The page view offers no action the reader may not take; the admin sees them all.
        var view = (await OpenAsync(browser, $"/wiki/spaces/{key}/pages/{id}")).Expect(HttpStatusCode.OK);
        Assert.Equal(["History"], view.Document.QuerySelectorAll(".page-actions a").Select(a => a.TextContent.Trim()).ToList());
        var adminView = (await OpenAsync(await AdminBrowserAsync(), $"/wiki/spaces/{key}/pages/{id}")).Expect(HttpStatusCode.OK);
        Assert.Contains("Edit", adminView.Document.QuerySelectorAll(".page-actions a").Select(a => a.TextContent.Trim()));
        Assert.Contains("Delete", adminView.Document.QuerySelectorAll(".page-actions a").Select(a => a.TextContent.Trim()));

        Assert.Equal(HttpStatusCode.Forbidden, (await OpenAsync(browser, $"/wiki/pages/editpage.action?pageId={id}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await OpenAsync(browser, $"/wiki/spaces/{key}/pages/create")).Status);
        // A valid token of this user's session, from a form the user may open.
        var (fields, _) = FormOf((await OpenAsync(browser, "/wiki/account/tokens")).Expect(HttpStatusCode.OK), "form.token-form", "");
        fields["Title"] = "Taken over";
        fields["Body"] = "mine now";
        fields["BaseVersion"] = "1";
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(browser, $"/wiki/pages/editpage.action?pageId={id}", fields)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(browser, $"/wiki/pages/removepage.action?pageId={id}", fields)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(browser, $"/wiki/pages/viewpreviousversions.action?pageId={id}&handler=Restore",
            new(fields) { ["version"] = "1" })).Status);
        var page = await ContentAsync(Admin, id);
        Assert.Equal(1, (int)page["version"]!["number"]!);
        Assert.Equal("Read only", (string?)page["title"]);

        // Someone who cannot see the page at all gets 404, as from the API.
        var (_, outsider) = await NewSignedInUserAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await OpenAsync(outsider, $"/wiki/pages/editpage.action?pageId={id}")).Status);
    }

    [SkippableFact]
    public async Task Forms_without_their_antiforgery_token_are_refused_with_400_and_change_nothing()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var id = (string)(await Admin.CreatePageAsync(key, "Guarded", "<p>safe</p>"))["id"]!;
        var browser = await AdminBrowserAsync();

        var edit = await PostAsync(browser, $"/wiki/pages/editpage.action?pageId={id}", new() { ["Title"] = "Forged", ["Body"] = "x", ["BaseVersion"] = "1" });
        Assert.Equal(HttpStatusCode.BadRequest, edit.Status);
        Assert.StartsWith("text/html", edit.Message.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(browser, $"/wiki/pages/removepage.action?pageId={id}", new())).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(browser, "/wiki/account/tokens?handler=Create", new() { ["label"] = "forged" })).Status);

        using var upload = new MultipartFormDataContent { { new ByteArrayContent("data"u8.ToArray()), "file", "forged.txt" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/wiki/pages/doattachfile.action?pageId={id}") { Content = upload };
        request.Headers.Accept.ParseAdd("text/html");
        var refused = await WebPage.ReadAsync(await browser.SendAsync(request));
        Assert.True(refused.Status == HttpStatusCode.BadRequest, refused.Html);
        Assert.Contains("out of date", refused.Text("main"));

        // API credentials open nothing here: the web endpoints know only the session cookie (and its token).
        using var withBasic = new MultipartFormDataContent { { new ByteArrayContent("data"u8.ToArray()), "file", "basic.txt" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.PostAsync($"/wiki/pages/doattachfile.action?pageId={id}", withBasic)).StatusCode);

        var page = await ContentAsync(Admin, id);
        Assert.Equal(1, (int)page["version"]!["number"]!);
        Assert.Equal("current", (string?)page["status"]);
        var attachments = (await Admin.Get($"/wiki/rest/api/content/{id}/child/attachment")).Expect(HttpStatusCode.OK).Json!;
        Assert.Empty(attachments["results"]!.AsArray());
    }

    [SkippableFact]
    public async Task Bad_input_answers_the_form_again_with_400_and_the_text_kept()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var browser = await AdminBrowserAsync();

        var untitled = await SubmitAsync(browser, $"/wiki/spaces/{key}/pages/create", "form.editor-form", new() { ["Title"] = "", ["Body"] = "keep me" });
        Assert.Equal(HttpStatusCode.BadRequest, untitled.Status);
        Assert.Equal("keep me", untitled.Document.QuerySelector("#editor-body")!.TextContent);
        Assert.NotNull(untitled.Document.QuerySelector("#editor-error"));

        var broken = await SubmitAsync(browser, $"/wiki/spaces/{key}/pages/create", "form.editor-form",
            new() { ["Title"] = "Broken", ["Body"] = "```storage\n<p>unclosed\n```" });
        Assert.Equal(HttpStatusCode.BadRequest, broken.Status);
        Assert.Contains("storage block", broken.Text("#editor-error"));

        Assert.Equal(HttpStatusCode.BadRequest, (await OpenAsync(browser, "/wiki/pages/editpage.action")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await OpenAsync(browser, "/wiki/pages/editpage.action?pageId=999999999")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await OpenAsync(browser, "/wiki/pages/editpage.action?pageId=abc")).Status);
        var listing = (await Admin.Get($"/wiki/rest/api/content?spaceKey={key}&type=page")).Expect(HttpStatusCode.OK).Json!;
        Assert.DoesNotContain(listing["results"]!.AsArray(), p => (string?)p!["title"] == "Broken");
    }

    [SkippableFact]
    public async Task A_NUL_character_in_a_form_field_is_a_400_page_and_stores_nothing()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var id = (string)(await Admin.CreatePageAsync(key, "Kept as is", "<p>kept</p>"))["id"]!;
        var browser = await AdminBrowserAsync();

        var created = await SubmitAsync(browser, $"/wiki/spaces/{key}/pages/create", "form.editor-form",
            new() { ["Title"] = "Nul\0title", ["Body"] = "text" });
        Assert.True(created.Status == HttpStatusCode.BadRequest, created.Html);
        Assert.StartsWith("text/html", created.Message.Content.Headers.ContentType?.MediaType);
        Assert.Contains("NUL", created.Text("main"));
        var edited = await SubmitAsync(browser, $"/wiki/pages/editpage.action?pageId={id}", "form.editor-form",
            new() { ["Title"] = "Kept as is", ["Body"] = "changed\0body" });
        Assert.True(edited.Status == HttpStatusCode.BadRequest, edited.Html);

        var listing = (await Admin.Get($"/wiki/rest/api/content?spaceKey={key}&type=page")).Expect(HttpStatusCode.OK).Json!;
        Assert.DoesNotContain(listing["results"]!.AsArray(), p => ((string?)p!["title"])?.StartsWith("Nul", StringComparison.Ordinal) == true);
        var kept = await ContentAsync(Admin, id);
        Assert.Equal(1, (int)kept["version"]!["number"]!);
        Assert.Equal("<p>kept</p>", (string?)kept["body"]!["storage"]!["value"]);
    }

    [SkippableFact]
    public async Task Hostile_titles_and_bodies_are_encoded_in_every_editing_page()
    {
        const string hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var browser = await AdminBrowserAsync();
        var created = await SubmitAsync(browser, $"/wiki/spaces/{key}/pages/create", "form.editor-form",
            new() { ["Title"] = "T " + hostile, ["Body"] = hostile + "\n\n[x](javascript:alert(1))" });
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var id = created.Location!.Split('/')[5];
        var storage = (string)(await ContentAsync(Admin, id))["body"]!["storage"]!["value"]!;
        Assert.DoesNotContain("<script", storage);
        Assert.DoesNotContain("<img", storage);
        await Admin.UpdateAsync(id, 2, "T " + hostile, "<p>v2 " + System.Net.WebUtility.HtmlEncode(hostile) + "</p>");

        foreach (var path in new[]
                 {
                     $"/wiki/pages/editpage.action?pageId={id}", $"/wiki/pages/viewpreviousversions.action?pageId={id}",
                     $"/wiki/pages/diffpagesbyversion.action?pageId={id}&originalVersion=1&revisedVersion=2",
                     $"/wiki/pages/removepage.action?pageId={id}", $"/wiki/pages/movepage.action?pageId={id}",
                     $"/wiki/pages/addcomment.action?pageId={id}", $"/wiki/pages/attachfile.action?pageId={id}",
                 })
        {
            var page = (await OpenAsync(browser, path)).Expect(HttpStatusCode.OK);
            Assert.Empty(page.Document.QuerySelectorAll("script:not([src])"));
            Assert.Empty(page.Document.QuerySelectorAll("img[onerror], [onerror]"));
            Assert.DoesNotContain("<script>alert", page.Html);
            Assert.Contains("&lt;script&gt;alert", page.Html);
        }
    }

    [SkippableFact]
    public async Task History_lists_versions_diffs_any_two_and_restores_an_old_one_as_a_new_version()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var id = (string)(await Admin.CreatePageAsync(key, "Chronicle", "<p>first text</p>"))["id"]!;
        await Admin.UpdateAsync(id, 2, "Chronicle", "<p>second text</p>");
        await Admin.UpdateAsync(id, 3, "Chronicle", "<p>third text</p><p>added line</p>");
        var browser = await AdminBrowserAsync();

        var history = (await OpenAsync(browser, $"/wiki/pages/viewpreviousversions.action?pageId={id}")).Expect(HttpStatusCode.OK);
        Assert.Equal(3, history.Document.QuerySelectorAll("table.history tbody tr").Length);

        var diff = (await OpenAsync(browser, $"/wiki/pages/diffpagesbyversion.action?pageId={id}&originalVersion=1&revisedVersion=3")).Expect(HttpStatusCode.OK);
        Assert.Equal("first", diff.Text("table.diff tr.diff-deleted del"));
        Assert.Contains(diff.Document.QuerySelectorAll("table.diff tr.diff-inserted"), r => r.TextContent.Contains("added line"));
        Assert.Equal(HttpStatusCode.NotFound,
            (await OpenAsync(browser, $"/wiki/pages/diffpagesbyversion.action?pageId={id}&originalVersion=1&revisedVersion=9")).Status);

        var (fields, action) = FormOf(history, "form#restore-1", "");
        var restored = await PostAsync(browser, action, fields);
        Assert.Equal(HttpStatusCode.Redirect, restored.Status);
        var page = await ContentAsync(Admin, id);
        Assert.Equal(4, (int)page["version"]!["number"]!);
        Assert.Equal("<p>first text</p>", (string?)page["body"]!["storage"]!["value"]);
    }

    [SkippableFact]
    public async Task A_comment_and_a_reply_are_added_in_Markdown()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var id = (string)(await Admin.CreatePageAsync(key, "Discussed"))["id"]!;
        var browser = await AdminBrowserAsync();

        // The page's own view carries the form; it posts to the comment page.
        var added = await SubmitAsync(browser, $"/wiki/spaces/{key}/pages/{id}", "form.inline-comment-form", new() { ["Body"] = "I **agree**" });
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        Assert.Matches($"^/wiki/spaces/{key}/pages/{id}\\?focusedCommentId=\\d+#comment-\\d+$", added.Location);
        var commentId = added.Location!.Split('=')[1].Split('#')[0];
        var reply = await SubmitAsync(browser, $"/wiki/pages/addcomment.action?pageId={id}&parentCommentId={commentId}", "form.comment-form",
            new() { ["Body"] = "me too" });
        Assert.Equal(HttpStatusCode.Redirect, reply.Status);
        var view = (await OpenAsync(browser, $"/wiki/spaces/{key}/pages/{id}")).Expect(HttpStatusCode.OK);
        Assert.NotNull(view.Document.QuerySelector($"#comment-{commentId} a.comment-reply[href*='parentCommentId={commentId}']"));

        var comments = (await Admin.Get($"/wiki/rest/api/content/{id}/child/comment?expand=body.storage&depth=all")).Expect(HttpStatusCode.OK).Json!;
        var bodies = comments["results"]!.AsArray().Select(c => (string?)c!["body"]!["storage"]!["value"]).ToList();
        Assert.Contains("<p>I <strong>agree</strong></p>", bodies);
        Assert.Contains("<p>me too</p>", bodies);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await SubmitAsync(browser, $"/wiki/pages/addcomment.action?pageId={id}", "form.comment-form", new() { ["Body"] = "" })).Status);
    }

    [SkippableFact]
    public async Task An_upload_streams_through_the_attachment_service_and_a_second_one_of_the_name_is_its_next_version()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var id = (string)(await Admin.CreatePageAsync(key, "With files"))["id"]!;
        var browser = await AdminBrowserAsync();
        var form = (await OpenAsync(browser, $"/wiki/pages/attachfile.action?pageId={id}")).Expect(HttpStatusCode.OK);
        var (fields, action) = FormOf(form, "form.upload-form", "");
        var token = Assert.Single(fields);

        for (var round = 1; round <= 2; round++)
        {
            using var upload = new MultipartFormDataContent();
            upload.Add(new StringContent(token.Value), token.Key); // first, as the form sends it
            upload.Add(new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes($"round {round}")), "file", "<b>notes.txt");
            upload.Add(new StringContent("from the web"), "comment");
            using var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = upload };
            request.Headers.Accept.ParseAdd("text/html");
            var answer = await browser.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            Assert.Equal($"/wiki/pages/viewpageattachments.action?pageId={id}", answer.Headers.Location?.OriginalString);
        }
        var attachments = (await Admin.Get($"/wiki/rest/api/content/{id}/child/attachment?expand=version")).Expect(HttpStatusCode.OK).Json!;
        var attachment = Assert.Single(attachments["results"]!.AsArray())!;
        Assert.Equal("<b>notes.txt", (string?)attachment["title"]);
        Assert.Equal(2, (int)attachment["version"]!["number"]!);
    }

    [SkippableFact]
    public async Task An_upload_over_the_attachment_size_limit_answers_413_as_a_page_and_attaches_nothing()
    {
        var settings = await Fixture.FreshDatabaseAsync();
        settings["Quire:Attachments:MaxUploadBytes"] = "1024";
        await using var server = new QuireServer(Server.Engine, settings);
        var key = SpaceTestSupport.NewKey();
        await server.Admin().CreateSpaceAsync(key);
        var id = (string)(await server.Admin().CreatePageAsync(key, "Small files"))["id"]!;
        var browser = await SignedInBrowserAsync(QuireServer.AdminEmail, QuireServer.AdminToken, server);
        var (fields, action) = FormOf((await OpenAsync(browser, $"/wiki/pages/attachfile.action?pageId={id}")).Expect(HttpStatusCode.OK), "form.upload-form", "");
        var token = Assert.Single(fields);

        async Task<WebPage> UploadAsync(string name, int size)
        {
            using var upload = new MultipartFormDataContent();
            upload.Add(new StringContent(token.Value), token.Key);
            upload.Add(new ByteArrayContent(new byte[size]), "file", name);
            using var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = upload };
            request.Headers.Accept.ParseAdd("text/html");
            return await WebPage.ReadAsync(await browser.SendAsync(request));
        }

        var refused = await UploadAsync("big.bin", 1025);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.Status);
        Assert.Contains("maximum attachment size", refused.Text("main"));
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync("fits.bin", 1024)).Status);
        var attachments = (await server.Admin().Get($"/wiki/rest/api/content/{id}/child/attachment")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(["fits.bin"], attachments["results"]!.AsArray().Select(a => (string?)a!["title"]).ToList());
    }

    [SkippableFact]
    public async Task A_page_goes_to_the_trash_is_restored_and_purged_by_the_space_admin()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var id = (string)(await Admin.CreatePageAsync(key, "Disposable"))["id"]!;
        var browser = await AdminBrowserAsync();

        var removed = await SubmitAsync(browser, $"/wiki/pages/removepage.action?pageId={id}", "form.remove-form", new());
        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        Assert.Equal($"/wiki/spaces/{key}", removed.Location);
        (await Admin.Get($"/wiki/rest/api/content/{id}")).ExpectError(HttpStatusCode.NotFound);

        var trash = (await OpenAsync(browser, $"/wiki/spaces/{key}/trash")).Expect(HttpStatusCode.OK);
        Assert.Contains("Disposable", trash.Text("table.trash"));
        var (fields, action) = FormOf(trash, "table.trash form[action*='Restore']", "");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(browser, action, fields)).Status);
        Assert.Equal("current", (string?)(await ContentAsync(Admin, id))["status"]);

        await SubmitAsync(browser, $"/wiki/pages/removepage.action?pageId={id}", "form.remove-form", new());
        trash = (await OpenAsync(browser, $"/wiki/spaces/{key}/trash")).Expect(HttpStatusCode.OK);
        (fields, action) = FormOf(trash, "table.trash form[action*='Purge']", "");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(browser, action, fields)).Status);
        (await Admin.Get($"/wiki/rest/api/content/{id}?status=trashed")).ExpectError(HttpStatusCode.NotFound);

        var (_, user) = await NewSignedInUserAsync();
        Assert.True((await OpenAsync(user, $"/wiki/spaces/{key}/trash")).Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task A_page_moves_under_another_named_by_title()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key);
        var parent = (string)(await Admin.CreatePageAsync(key, "New home"))["id"]!;
        var child = (string)(await Admin.CreatePageAsync(key, "Wanderer"))["id"]!;
        var browser = await AdminBrowserAsync();

        var moved = await SubmitAsync(browser, $"/wiki/pages/movepage.action?pageId={child}", "form.move-form",
            new() { ["Position"] = "append", ["TargetSpaceKey"] = key, ["TargetTitle"] = "New home" });
        Assert.Equal(HttpStatusCode.Redirect, moved.Status);
        Assert.Equal([parent], (await ContentAsync(Admin, child))["ancestors"]!.AsArray().Select(a => (string?)a!["id"]).ToList());

        var missing = await SubmitAsync(browser, $"/wiki/pages/movepage.action?pageId={child}", "form.move-form",
            new() { ["Position"] = "append", ["TargetSpaceKey"] = key, ["TargetTitle"] = "Nowhere" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Contains("Nowhere", missing.Text("[role=alert]"));
    }

    [SkippableFact]
    public async Task Every_user_manages_their_own_tokens_and_the_secret_is_shown_once()
    {
        var (user, browser) = await NewSignedInUserAsync();
        var created = await SubmitAsync(browser, "/wiki/account/tokens", "form.token-form", new() { ["label"] = "<i>ci</i>" });
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.True(created.Message.Headers.CacheControl?.NoStore);
        var token = ((IHtmlInputElement)created.Document.QuerySelector("#issued-token")!).Value;
        Assert.StartsWith("qt_", token);
        Assert.Empty(created.Document.QuerySelectorAll("i"));
        Assert.Equal(HttpStatusCode.OK, (await Server.SignedIn(user.Email, token).Get("/wiki/rest/api/user/current")).Status);

        var listed = (await OpenAsync(browser, "/wiki/account/tokens")).Expect(HttpStatusCode.OK);
        Assert.DoesNotContain(token, listed.Html);
        var (fields, action) = FormOf(listed, "table.tokens form", "");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(browser, action, fields)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.SignedIn(user.Email, token).Get("/wiki/rest/api/user/current")).Status);
    }

    [SkippableFact]
    public async Task Site_admins_manage_users_groups_and_global_permissions_and_nobody_else_opens_those_pages()
    {
        var (_, someone) = await NewSignedInUserAsync();
        foreach (var path in new[] { "/wiki/admin/users", "/wiki/admin/groups", "/wiki/admin/permissions" })
            Assert.Equal(HttpStatusCode.Forbidden, (await OpenAsync(someone, path)).Status);

        var admin = await AdminBrowserAsync();
        var id = Unique();
        var added = await SubmitAsync(admin, "/wiki/admin/users", "form.add-user-form", new()
        {
            ["userName"] = "web" + id, ["email"] = $"web{id}@example.test", ["displayName"] = "Web " + id, ["password"] = "pw-web-" + id,
        });
        Assert.Equal(HttpStatusCode.OK, added.Status);
        Assert.Contains($"web{id}@example.test", added.Text("[role=status]"));
        Assert.Equal(HttpStatusCode.OK, (await Server.SignedIn($"web{id}@example.test", "pw-web-" + id).Get("/wiki/rest/api/user/current")).Status);
        var duplicate = await SubmitAsync(admin, "/wiki/admin/users", "form.add-user-form", new()
        {
            ["userName"] = "web" + id, ["email"] = $"web{id}@example.test", ["displayName"] = "Again", ["password"] = "pw-web-" + id,
        });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.Status);

        var group = "web-group-" + id;
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(admin, "/wiki/admin/groups", "form.create-group-form", new() { ["name"] = group })).Status);
        var member = await SubmitAsync(admin, $"/wiki/admin/groups?group={group}", "form.add-member-form", new() { ["login"] = $"web{id}@example.test" });
        Assert.Equal(HttpStatusCode.OK, member.Status);
        Assert.Contains($"web{id}@example.test", member.Text("table.members"));

        var granted = await SubmitAsync(admin, "/wiki/admin/permissions", "form.grant-form",
            new() { ["permission"] = "create_space", ["subjectType"] = "group", ["subject"] = group });
        Assert.Equal(HttpStatusCode.OK, granted.Status);
        Assert.Contains(granted.Document.QuerySelectorAll("table.grants tr"), r => r.TextContent.Contains("create_space") && r.TextContent.Contains(group));

        var removed = await SubmitAsync(admin, "/wiki/admin/users", "form.remove-user-form", new() { ["login"] = $"web{id}@example.test" });
        Assert.Equal(HttpStatusCode.OK, removed.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.SignedIn($"web{id}@example.test", "pw-web-" + id).Get("/wiki/rest/api/user/current")).Status);
    }

    [SkippableFact]
    public async Task A_space_admin_grants_and_removes_space_permissions_and_others_cannot_open_the_page()
    {
        var (reader, readerBrowser) = await NewSignedInUserAsync();
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key, isPrivate: true);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.Client.Get($"/wiki/rest/api/space/{key}")).Status);
        Assert.True((await OpenAsync(readerBrowser, $"/wiki/spaces/{key}/permissions")).Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound);

        var admin = await AdminBrowserAsync();
        var path = $"/wiki/spaces/{key}/permissions";
        var granted = await SubmitAsync(admin, path, "form.space-grant-form",
            new() { ["operation"] = "read space", ["subjectType"] = "user", ["subject"] = reader.Email });
        Assert.Equal(HttpStatusCode.OK, granted.Status);
        Assert.Equal(HttpStatusCode.OK, (await reader.Client.Get($"/wiki/rest/api/space/{key}")).Status);

        var refused = await SubmitAsync(admin, path, "form.space-grant-form",
            new() { ["operation"] = "create page", ["subjectType"] = "group", ["subject"] = "no-such-group-" + Unique() });
        Assert.True(refused.Status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, refused.Html);
        Assert.NotNull(refused.Document.QuerySelector("[role=alert]"));

        var row = granted.Document.QuerySelectorAll("table.space-grants tr").First(r => r.TextContent.Contains(reader.Email));
        var form = (IHtmlFormElement)row.QuerySelector("form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>().ToDictionary(i => i.Name!, i => i.Value);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(admin, form.GetAttribute("action")!, fields)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.Client.Get($"/wiki/rest/api/space/{key}")).Status);
    }

    [SkippableFact]
    public async Task A_space_admin_who_is_not_a_site_admin_sees_holders_by_name_not_e_mail()
    {
        var (owner, ownerBrowser) = await NewSignedInUserAsync();
        var reader = await NewUserAsync("Readable Name");
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key, permissions:
        [
            SpaceTestSupport.Permission("read", "space", [owner.AccountId, reader.AccountId]),
            SpaceTestSupport.Permission("administer", "space", [owner.AccountId]),
        ]);
        var page = (await OpenAsync(ownerBrowser, $"/wiki/spaces/{key}/permissions")).Expect(HttpStatusCode.OK);
        var grants = page.Text("table.space-grants");
        Assert.Contains("Readable Name", grants);
        // As the API, which shows an e-mail only to its owner and site admins.
        Assert.DoesNotContain(reader.Email, page.Html);
        Assert.DoesNotContain(owner.Email, grants);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WebEditingTestsOnSqlite(SqliteServerFixture fixture) : WebEditingTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class WebEditingTestsOnPostgres(PostgresServerFixture fixture) : WebEditingTests(fixture);
