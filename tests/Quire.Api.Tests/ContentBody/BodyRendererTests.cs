using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.ContentAttachments;
using Quire.Api.Tests.Infrastructure;
using Quire.Core.ContentBody;
using Quire.Core.Security;
using Quire.Storage;
using Quire.Storage.Groups;
using Quire.Storage.Users;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.ContentRestrictions.RestrictionTestSupport;

namespace Quire.Api.Tests.ContentBody;

/// <summary>
/// BodyRenderer against a real database (not yet wired into the content endpoints, so resolved
/// from the server's services): links resolve as the viewer may see them, hidden pages stay
/// hidden, and many bodies cost a fixed number of queries.
/// </summary>
public abstract class BodyRendererTests(ServerFixture fixture) : ApiTest(fixture)
{
    private sealed class FixedBase(string value) : ISiteBaseUrl
    {
        public string Base => value;
    }

    private const string SiteBase = "https://wiki.example.test/wiki";

    private sealed record Site(TestUser Writer, TestUser Reader, string Key);

    private async Task<Site> SiteAsync()
    {
        var writer = await NewUserAsync("Writer " + Unique());
        var reader = await NewUserAsync("Reader " + Unique());
        return new Site(writer, reader, await Admin.SharedSpaceAsync([reader], [writer]));
    }

    private async Task<IReadOnlyList<RenderedBody>> RenderAsync(TestUser? user, string representation, params BodyToRender[] bodies)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var renderer = ActivatorUtilities.CreateInstance<BodyRenderer>(services, (ISiteBaseUrl)new FixedBase(SiteBase));
        return await renderer.RenderAsync(bodies, representation, await CallerAsync(services, user), CancellationToken.None);
    }

    private static async Task<Caller> CallerAsync(IServiceProvider services, TestUser? user)
    {
        if (user is null) return Caller.Anonymous();
        var record = (await services.GetRequiredService<UserStore>().FindByAccountIdAsync(user.AccountId))!;
        var groups = await services.GetRequiredService<GroupStore>().ListForUserAsync(record.Id, 0, 1000);
        return new Caller(record, groups.Select(g => g.Id).ToHashSet(), isSiteAdmin: false);
    }

    private static async Task<(long Id, int Version)> PageAsync(TestUser author, string key, string title, string body = "<p>x</p>", string? parentId = null)
    {
        var page = await author.Client.CreatePageAsync(key, title, body, parentId);
        return (long.Parse((string)page["id"]!), (int)page["version"]!["number"]!);
    }

    [SkippableFact]
    public async Task Page_links_images_and_mentions_resolve_to_webui_download_url_and_display_name()
    {
        var site = await SiteAsync();
        var target = await PageAsync(site.Writer, site.Key, "Target page");
        var host = await PageAsync(site.Writer, site.Key, "Host " + Unique());
        var file = (await site.Writer.Client.AttachAsync(host.Id.ToString(), new UploadFile("pic.png", AttachmentTestSupport.Bytes("png"), "image/png")))[0]!;
        var storage = "<p><ac:link><ri:page ri:content-title=\"Target page\" /></ac:link></p>" +
                      "<p><ac:image><ri:attachment ri:filename=\"pic.png\" /></ac:image></p>" +
                      $"<p><ac:link><ri:user ri:account-id=\"{site.Writer.AccountId}\" /></ac:link></p>";
        var body = new BodyToRender(host.Id, host.Version, storage, site.Key);

        var view = (await RenderAsync(site.Reader, "view", body))[0];
        Assert.Contains($"<a href=\"/wiki/spaces/{site.Key}/pages/{target.Id}/Target+page\" data-linked-resource-id=\"{target.Id}\"", view.Value);
        Assert.Contains($"src=\"/wiki/download/attachments/{host.Id}/pic.png?version=1&amp;modificationDate=", view.Value);
        var attachmentId = long.Parse(((string)file["id"]!).Replace("att", ""));
        Assert.Equal([new EmbeddedItem(attachmentId, "attachment")], view.Embedded);
        var writerName = (await site.Writer.Client.Get("/wiki/rest/api/user/current")).Expect(HttpStatusCode.OK).Json!["displayName"]!.ToString();
        Assert.Contains($"data-account-id=\"{site.Writer.AccountId}\" data-linked-resource-type=\"userinfo\" data-base-url=\"/wiki\">{writerName}</a>", view.Value);

        var export = (await RenderAsync(site.Reader, "export_view", body))[0].Value;
        Assert.Contains($"href=\"{SiteBase}/spaces/{site.Key}/pages/{target.Id}/Target+page\"", export);
        Assert.Contains($"src=\"{SiteBase}/download/attachments/{host.Id}/pic.png?", export);
        var styled = (await RenderAsync(site.Reader, "styled_view", body))[0].Value;
        Assert.StartsWith("<!DOCTYPE html>", styled);
        Assert.Contains(export, styled);
    }

    [SkippableFact]
    public async Task A_hidden_page_is_not_revealed_and_a_children_macro_lists_only_visible_children()
    {
        var site = await SiteAsync();
        var parent = await PageAsync(site.Writer, site.Key, "Parent " + Unique());
        var open = await PageAsync(site.Writer, site.Key, "Open child", parentId: parent.Id.ToString());
        var secret = await PageAsync(site.Writer, site.Key, "Secret child", parentId: parent.Id.ToString());
        var storage = "<p><ac:link><ri:page ri:content-title=\"Secret child\" /></ac:link></p>" +
                      "<ac:structured-macro ac:name=\"children\" ac:schema-version=\"2\" />";
        var body = new BodyToRender(parent.Id, parent.Version, storage, site.Key);

        // Rendered (and cached) while the reader may still see it...
        Assert.Contains($"/pages/{secret.Id}/", (await RenderAsync(site.Reader, "view", body))[0].Value);
        await site.Writer.Client.RestrictAsync(secret.Id.ToString(), Entry("read", [site.Writer.AccountId]));

        // ...then hidden at once: the link is the storage's own title, the children list only the open page.
        var view = (await RenderAsync(site.Reader, "view", body))[0].Value;
        Assert.Equal("<p>Secret child</p><ul class=\"childpages-macro conf-macro output-block\" data-hasbody=\"false\" data-macro-name=\"children\">" +
                     $"<li><a href=\"/wiki/spaces/{site.Key}/pages/{open.Id}/Open+child\" data-linked-resource-id=\"{open.Id}\" data-linked-resource-version=\"1\" " +
                     "data-linked-resource-type=\"page\" data-linked-resource-default-alias=\"Open child\">Open child</a></li></ul>", view);
        Assert.DoesNotContain($"\"{secret.Id}\"", view);
        Assert.DoesNotContain($"/{secret.Id}/", view);

        var writers = (await RenderAsync(site.Writer, "view", body))[0].Value;
        Assert.Contains($"<li><a href=\"/wiki/spaces/{site.Key}/pages/{secret.Id}/Secret+child\"", writers);
    }

    [SkippableFact]
    public async Task The_anonymous_export_view_resolves_neither_pages_anonymous_cannot_read_nor_users()
    {
        var site = await SiteAsync();
        var target = await PageAsync(site.Writer, site.Key, "Members only");
        var storage = $"<p><ac:link><ri:page ri:content-title=\"Members only\" /></ac:link> by <ac:link><ri:user ri:account-id=\"{site.Writer.AccountId}\" /></ac:link></p>";
        var view = (await RenderAsync(site.Reader, "anonymous_export_view", new BodyToRender(0, 1, storage, site.Key)))[0].Value;
        Assert.Equal($"<p>Members only by <span class=\"unknown-user\" data-account-id=\"{site.Writer.AccountId}\">Unknown User ({site.Writer.AccountId})</span></p>", view);
        // As a link or a resource id: a short id such as "2" may well occur inside the account id shown.
        Assert.DoesNotContain($"/{target.Id}/", view);
        Assert.DoesNotContain($"\"{target.Id}\"", view);
    }

    [SkippableFact]
    public async Task Fifty_bodies_cost_as_few_queries_as_five()
    {
        var site = await SiteAsync();
        var bodies = new List<BodyToRender>();
        for (var i = 0; i < 50; i++)
        {
            var page = await PageAsync(site.Writer, site.Key, $"Linked {i}");
            bodies.Add(new BodyToRender(page.Id, 1, $"<h2>Part {i}</h2><p><ac:link><ri:page ri:content-title=\"Linked {(i + 1) % 50}\" /></ac:link> " +
                $"<ac:link><ri:user ri:account-id=\"{site.Writer.AccountId}\" /></ac:link></p><ac:image><ri:attachment ri:filename=\"f{i}.png\" /></ac:image>" +
                "<ac:structured-macro ac:name=\"children\" />", site.Key));
        }
        var database = Server.Services.GetRequiredService<Database>();
        async Task<long> QueriesFor(IReadOnlyList<BodyToRender> some)
        {
            var fewest = long.MaxValue;
            // Other tests' requests may run meanwhile: the fewest of a few tries is this call's own count.
            for (var attempt = 0; attempt < 3; attempt++)
            {
                await using var scope = Server.Services.CreateAsyncScope();
                var renderer = scope.ServiceProvider.GetRequiredService<BodyRenderer>();
                var caller = await CallerAsync(scope.ServiceProvider, site.Reader);
                var before = database.CommandCount;
                var rendered = await renderer.RenderAsync(some, "view", caller, CancellationToken.None);
                fewest = Math.Min(fewest, database.CommandCount - before);
                Assert.All(rendered, r => Assert.Contains("/pages/", r.Value));
            }
            return fewest;
        }
        var five = await QueriesFor(bodies.Take(5).ToList());
        var fifty = await QueriesFor(bodies);
        Assert.InRange(fifty, 1, 7);
        Assert.Equal(five, fifty);
    }

    [SkippableFact]
    public async Task Hostile_storage_yields_inert_html_in_every_representation()
    {
        var site = await SiteAsync();
        var storage = "<p><a href=\"javascript:alert(1)\" onclick=\"alert(1)\">x</a><script>alert(1)</script></p>" +
                      "<p style=\"width: expression(alert(1))\">y</p><ac:image><ri:url ri:value=\"javascript:alert(2)\" /></ac:image>" +
                      "<ac:link><ri:url ri:value=\"javascript:alert(3)\" /></ac:link>" +
                      "<ac:structured-macro ac:name=\"info\"><ac:parameter ac:name=\"title\">&lt;img src=x onerror=alert(4)&gt;</ac:parameter>" +
                      "<ac:rich-text-body><p>z</p></ac:rich-text-body></ac:structured-macro>";
        foreach (var representation in BodyRenderer.Representations)
            foreach (var contentId in new long[] { 0, 1 })
            {
                var html = (await RenderAsync(site.Reader, representation, new BodyToRender(contentId, 1, storage, site.Key)))[0].Value;
                var document = new HtmlParser().ParseDocument(html);
                Assert.Empty(document.Body!.QuerySelectorAll("script, iframe, object, embed, style"));
                foreach (var element in document.All)
                    foreach (var attribute in element.Attributes)
                    {
                        Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{representation}: {attribute.Name}");
                        Assert.DoesNotContain("javascript:", attribute.Name is "href" or "src" or "style" ? attribute.Value : "", StringComparison.OrdinalIgnoreCase);
                        Assert.DoesNotContain("expression(", attribute.Value, StringComparison.OrdinalIgnoreCase);
                    }
            }
    }

    [SkippableFact]
    public async Task Malformed_storage_not_yet_saved_is_a_bad_request_and_a_stored_one_is_shown_as_text()
    {
        var site = await SiteAsync();
        var error = await Assert.ThrowsAsync<Quire.Core.Errors.BadRequestException>(() =>
            RenderAsync(site.Reader, "view", new BodyToRender(0, 1, "<p>open <b>bold</p>", site.Key)));
        Assert.Contains("Unexpected close tag </p>; expected </b>", error.Message);
        var stored = (await RenderAsync(site.Reader, "view", new BodyToRender(5, 1, "<p>open <b>bold</p>", site.Key)))[0].Value;
        Assert.Equal("&lt;p&gt;open &lt;b&gt;bold&lt;/p&gt;", stored);
        await Assert.ThrowsAsync<Quire.Core.Errors.BadRequestException>(() => RenderAsync(site.Reader, "storage", new BodyToRender(0, 1, "<p/>", site.Key)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BodyRendererTestsOnSqlite(SqliteServerFixture fixture) : BodyRendererTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class BodyRendererTestsOnPostgres(PostgresServerFixture fixture) : BodyRendererTests(fixture);
