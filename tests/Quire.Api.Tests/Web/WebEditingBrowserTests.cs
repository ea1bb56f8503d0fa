using System.Text.Json.Nodes;
using OpenQA.Selenium;
using Quire.Api.Tests.Content;
using Quire.Api.Tests.ContentAttachments;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;

namespace Quire.Api.Tests.Web;

/// <summary>
/// The editing flows of the issue in a real Chromium: edit a page and see the new version, meet and resolve a
/// version conflict without losing the text, compare versions, upload an attachment; hostile titles never run.
/// Screenshots: the editor, the conflict, the history diff, an admin page.
/// </summary>
public abstract class WebEditingBrowserTests(ServerFixture fixture) : ApiTest(fixture)
{
    private static async Task<JsonNode> PageAsync(HttpClient api, string id) =>
        await api.GetContentAsync(id, "?expand=body.storage,version");

    [SkippableFact]
    public async Task A_person_edits_a_page_resolves_a_conflict_and_compares_the_versions()
    {
        await using var site = await BrowserSite.StartAsync(Fixture);
        var key = SpaceTestSupport.NewKey();
        await site.Admin.CreateSpaceAsync(key);
        var id = (string)(await site.Admin.CreatePageAsync(key, "Browser page", "<p>first words</p>"))["id"]!;
        var edit = $"/wiki/pages/editpage.action?pageId={id}";

        site.SignInAsAdmin(edit);
        var body = site.Driver.FindElement(By.Id("editor-body"));
        Assert.Equal("first words", body.GetDomProperty("value")?.Trim());
        body.Clear();
        body.SendKeys("second **words**");
        site.Screenshot($"editor-{Server.Engine}");
        site.Driver.FindElement(By.CssSelector("form.editor-form button[type=submit]")).Click();
        site.Wait(d => !d.Url.Contains("editpage.action", StringComparison.Ordinal));
        var saved = await PageAsync(site.Admin, id);
        Assert.Equal(2, (int)saved["version"]!["number"]!);
        Assert.Equal("<p>second <strong>words</strong></p>", (string?)saved["body"]!["storage"]!["value"]);

        // Someone saves while this person edits: the save says so, keeps the text, and can then go over theirs.
        site.Open(edit);
        body = site.Driver.FindElement(By.Id("editor-body"));
        body.Clear();
        body.SendKeys("my version");
        await site.Admin.UpdateAsync(id, 3, "Browser page", "<p>their version</p>");
        site.Driver.FindElement(By.CssSelector("form.editor-form button[type=submit]")).Click();
        var conflict = site.Wait(d => d.FindElements(By.CssSelector(".editor-conflict")).FirstOrDefault())!;
        Assert.Contains("Someone else saved", conflict.Text);
        Assert.Equal("my version", site.Driver.FindElement(By.Id("editor-body")).GetDomProperty("value"));
        site.Screenshot($"editor-conflict-{Server.Engine}");
        var over = site.Driver.FindElement(By.CssSelector("form.editor-form button[type=submit]"));
        Assert.Equal("Save over version 3", over.Text);
        over.Click();
        site.Wait(d => !d.Url.Contains("editpage.action", StringComparison.Ordinal));
        var resolved = await PageAsync(site.Admin, id);
        Assert.Equal(4, (int)resolved["version"]!["number"]!);
        Assert.Equal("<p>my version</p>", (string?)resolved["body"]!["storage"]!["value"]);

        // The history compares any two versions: choose 1 and 4 with the radio buttons.
        site.Open($"/wiki/pages/viewpreviousversions.action?pageId={id}");
        site.Driver.FindElement(By.Id("from-1")).Click();
        site.Driver.FindElement(By.Id("to-4")).Click();
        site.Driver.FindElement(By.CssSelector("form.history-form button.primary")).Click();
        site.Wait(d => d.Url.Contains("diffpagesbyversion.action", StringComparison.Ordinal));
        Assert.Contains("first words", site.Driver.FindElement(By.CssSelector("table.diff tr.diff-deleted")).Text);
        Assert.Contains("my version", site.Driver.FindElement(By.CssSelector("table.diff tr.diff-inserted")).Text);
        Assert.NotEmpty(site.Driver.FindElements(By.CssSelector("table.diff tr.diff-inserted ins")));
        site.Screenshot($"history-diff-{Server.Engine}");
    }

    [SkippableFact]
    public async Task A_person_uploads_an_attachment_and_hostile_titles_never_run()
    {
        await using var site = await BrowserSite.StartAsync(Fixture);
        var key = SpaceTestSupport.NewKey();
        await site.Admin.CreateSpaceAsync(key);
        const string hostile = "Files <img src=x onerror=\"window.__quireInjected=true\"><script>window.__quireInjected=true</script>";
        var id = (string)(await site.Admin.CreatePageAsync(key, hostile, "<p>x</p>"))["id"]!;
        var file = Path.Combine(Path.GetTempPath(), $"quire-upload-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, "uploaded from Chromium");
        try
        {
            site.SignInAsAdmin($"/wiki/pages/attachfile.action?pageId={id}");
            Assert.False(site.InjectedScriptRan());
            site.Driver.FindElement(By.Id("upload-file")).SendKeys(file);
            site.Driver.FindElement(By.CssSelector("form.upload-form button[type=submit]")).Click();
            site.Wait(d => d.Url.Contains("viewpageattachments.action", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
        var attachments = (await site.Admin.Get($"/wiki/rest/api/content/{id}/child/attachment")).Json!;
        Assert.Equal(Path.GetFileName(file), (string?)Assert.Single(attachments["results"]!.AsArray())!["title"]);

        foreach (var path in new[] { $"/wiki/pages/editpage.action?pageId={id}", $"/wiki/pages/viewpreviousversions.action?pageId={id}" })
        {
            site.Open(path);
            Assert.False(site.InjectedScriptRan(), path);
            Assert.Empty(site.Driver.FindElements(By.CssSelector("main img")));
        }

        site.Open("/wiki/admin/users");
        Assert.Equal("Users", site.Driver.FindElement(By.CssSelector("main h1")).Text);
        site.Screenshot($"admin-users-{Server.Engine}");
    }

    [SkippableFact]
    public async Task A_person_labels_a_page_and_deletes_one_of_its_files_from_the_page_view()
    {
        await using var site = await BrowserSite.StartAsync(Fixture);
        var key = SpaceTestSupport.NewKey();
        await site.Admin.CreateSpaceAsync(key);
        var id = (string)(await site.Admin.CreatePageAsync(key, "Tidy page", "<p>x</p>"))["id"]!;
        await site.Admin.AttachAsync(id, new UploadFile("old-notes.txt", AttachmentTestSupport.Bytes("old")));

        site.SignInAsAdmin($"/wiki/spaces/{key}/pages/{id}");
        site.Driver.FindElement(By.Id($"new-label-{id}")).SendKeys("reviewed");
        site.Driver.FindElement(By.CssSelector("form.label-add-form button[type=submit]")).Click();
        var label = site.Wait(d => d.FindElements(By.CssSelector(".labels a[rel=tag]")).FirstOrDefault())!;
        Assert.Equal("reviewed", label.Text);
        Assert.Equal("reviewed", (string?)(await site.Admin.Get($"/wiki/rest/api/content/{id}/label")).Json!["results"]![0]!["name"]);

        // A hostile label name is refused or shown as text, never run.
        site.Driver.FindElement(By.Id($"new-label-{id}")).SendKeys("<img/src=x/onerror=window.__quireInjected=true>");
        site.Driver.FindElement(By.CssSelector("form.label-add-form button[type=submit]")).Click();
        site.Wait(d => d.FindElements(By.CssSelector("main")).FirstOrDefault());
        Assert.False(site.InjectedScriptRan());

        site.Open($"/wiki/spaces/{key}/pages/{id}");
        site.Driver.FindElement(By.CssSelector("a.attachment-delete")).Click();
        site.Wait(d => d.Url.Contains("removeattachment.action", StringComparison.Ordinal));
        var confirm = site.Driver.FindElement(By.CssSelector("form.remove-attachment-form button[type=submit]"));
        Assert.Equal("Delete old-notes.txt", confirm.Text);
        site.Screenshot($"attachment-delete-{Server.Engine}");
        confirm.Click();
        site.Wait(d => d.Url.Contains("viewpageattachments.action", StringComparison.Ordinal));
        Assert.Empty((await site.Admin.Get(AttachmentTestSupport.Attachments(id))).Json!["results"]!.AsArray());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class WebEditingBrowserTestsOnSqlite(SqliteServerFixture fixture) : WebEditingBrowserTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class WebEditingBrowserTestsOnPostgres(PostgresServerFixture fixture) : WebEditingBrowserTests(fixture);
