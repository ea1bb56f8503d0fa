using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Content;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.ContentAttachments.AttachmentTestSupport;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.ContentAttachments;

/// <summary>The six attachment operations, attachments as content, and downloads.</summary>
public abstract class AttachmentApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private async Task<(string Key, string PageId)> PageAsync(HttpClient? client = null)
    {
        var key = SpaceTestSupport.NewKey();
        await (client ?? Admin).CreateSpaceAsync(key);
        return (key, (string)(await (client ?? Admin).CreatePageAsync(key, "Files " + Unique()))["id"]!);
    }

    [SkippableFact]
    public async Task Upload_answers_attachments_as_content_that_list_read_and_download()
    {
        var (_, page) = await PageAsync();
        var text = Bytes("hello attachments");
        var png = Pattern(5000, 1);
        var form = Form([new UploadFile("notes.txt", text), new UploadFile("diagram.png", png, MediaType: null)], ["first", "second"], minorEdit: true);
        var created = (await Admin.UploadAsync(HttpMethod.Post, Attachments(page), form)).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(2, (int?)created["size"]);
        var notes = created["results"]![0]!;
        var diagram = created["results"]![1]!;
        var notesId = (string)notes["id"]!;
        Assert.StartsWith("att", notesId);
        Assert.Equal("attachment", (string?)notes["type"]);
        Assert.Equal("current", (string?)notes["status"]);
        Assert.Equal("notes.txt", (string?)notes["title"]);
        Assert.Equal("text/plain", (string?)notes["extensions"]!["mediaType"]);
        Assert.Equal(text.Length, (long?)notes["extensions"]!["fileSize"]);
        Assert.Equal("first", (string?)notes["extensions"]!["comment"]);
        Assert.Equal("text/plain", (string?)notes["metadata"]!["mediaType"]);
        Assert.Equal(1, (int?)notes["version"]!["number"]);
        Assert.True((bool?)notes["version"]!["minorEdit"]);
        Assert.Equal(page, (string?)notes["container"]!["id"]);
        // No media type sent: it comes from the file name.
        Assert.Equal("image/png", (string?)diagram["extensions"]!["mediaType"]);
        // Cloud's media identity, which ADF media nodes name: a UUID per attachment, in its page's collection.
        var notesFileId = (string)notes["extensions"]!["fileId"]!;
        Assert.True(Guid.TryParse(notesFileId, out _), notesFileId);
        Assert.NotEqual(notesFileId, (string?)diagram["extensions"]!["fileId"]);
        Assert.Equal($"contentId-{page}", (string?)notes["extensions"]!["collectionName"]);

        var read = await Admin.GetContentAsync(notesId, "?expand=container,version");
        Assert.Equal("attachment", (string?)read["type"]);
        Assert.Equal(page, (string?)read["container"]!["id"]);
        Assert.Equal("notes.txt", (string?)read["title"]);

        var listing = (await Admin.Get(Attachments(page))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(["notes.txt", "diagram.png"], listing["results"]!.AsArray().Select(a => (string)a!["title"]!));
        Assert.NotNull(listing["results"]![0]!["metadata"]);
        Assert.Equal(["diagram.png"], (await Admin.Get($"{Attachments(page)}?filename=DIAGRAM.png")).Json!["results"]!.AsArray().Select(a => (string)a!["title"]!));
        Assert.Equal(["notes.txt"], (await Admin.Get($"{Attachments(page)}?mediaType=text/plain")).Json!["results"]!.AsArray().Select(a => (string)a!["title"]!));
        var paged = (await Admin.Get($"{Attachments(page)}?limit=1")).Json!;
        Assert.Single(paged["results"]!.AsArray());
        Assert.NotNull(paged["_links"]!["next"]);

        var (response, bytes) = await Admin.DownloadAsync($"{Attachments(page)}/{notesId}/download");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(text, bytes);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(text.Length, response.Content.Headers.ContentLength);
        Assert.Equal("notes.txt", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());

        // _links.download is relative to the site's /wiki base, as Confluence's is.
        var link = (string)diagram["_links"]!["download"]!;
        var (viaLink, linkedBytes) = await Admin.DownloadAsync("/wiki" + link);
        Assert.Equal(HttpStatusCode.OK, viaLink.StatusCode);
        Assert.Equal(png, linkedBytes);

        var withChildren = await Admin.GetContentAsync(page, "?expand=children.attachment");
        Assert.Equal(2, (int?)withChildren["children"]!["attachment"]!["size"]);
        var childList = (await Admin.Get($"/wiki/rest/api/content/{page}/child/attachment?expand=version")).Json!;
        Assert.Equal(1, (int?)childList["results"]![0]!["version"]!["number"]);
    }

    [SkippableFact]
    public async Task Multipart_uploads_without_the_xsrf_header_are_refused_and_store_nothing()
    {
        var (_, page) = await PageAsync();
        (await Admin.UploadAsync(HttpMethod.Post, Attachments(page), Form([new UploadFile("a.txt", Bytes("a"))]), xsrfHeader: false))
            .ExpectError(HttpStatusCode.Forbidden);
        (await Admin.UploadAsync(HttpMethod.Put, Attachments(page), Form([new UploadFile("a.txt", Bytes("a"))]), xsrfHeader: false))
            .ExpectError(HttpStatusCode.Forbidden);
        Assert.Empty((await Admin.Get(Attachments(page))).Json!["results"]!.AsArray());
    }

    [SkippableFact]
    public async Task A_duplicate_name_is_refused_by_post_and_versioned_by_put_and_data_with_every_version_downloadable()
    {
        var (_, page) = await PageAsync();
        var v1 = Pattern(3000, 11);
        var v2 = Pattern(4000, 12);
        var v3 = Pattern(100, 13);
        var id = (string)(await Admin.AttachAsync(page, new UploadFile("report.bin", v1, "application/octet-stream")))[0]!["id"]!;

        (await Admin.UploadAsync(HttpMethod.Post, Attachments(page), Form([new UploadFile("REPORT.bin", v2)]))).ExpectError(HttpStatusCode.BadRequest);
        var put = (await Admin.UploadAsync(HttpMethod.Put, Attachments(page), Form([new UploadFile("report.bin", v2, "application/pdf")], ["second"])))
            .Expect(HttpStatusCode.OK).Json!["results"]![0]!;
        Assert.Equal(id, (string?)put["id"]);
        Assert.Equal(2, (int?)put["version"]!["number"]);
        Assert.Equal("application/pdf", (string?)put["extensions"]!["mediaType"]);
        // The fileId stays the attachment's across its versions, as in Cloud.
        var fileId = (string)put["extensions"]!["fileId"]!;
        var data = (await Admin.UploadAsync(HttpMethod.Post, $"{Attachments(page)}/{id}/data", Form([new UploadFile("whatever.bin", v3)], ["third"], minorEdit: false)))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(3, (int?)data["version"]!["number"]);
        Assert.Equal("report.bin", (string?)data["title"]);
        Assert.Equal("third", (string?)data["extensions"]!["comment"]);
        Assert.Equal(fileId, (string?)data["extensions"]!["fileId"]);

        foreach (var (version, expected) in new[] { (1, v1), (2, v2), (3, v3) })
        {
            var (response, bytes) = await Admin.DownloadAsync($"{Attachments(page)}/{id}/download?version={version}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(expected, bytes);
        }
        Assert.Equal(v3, (await Admin.DownloadAsync($"{Attachments(page)}/{id}/download")).Bytes);
        (await Admin.Get($"{Attachments(page)}/{id}/download?version=4")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"{Attachments(page)}/{id}/download?version=0")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"{Attachments(page)}/{id}/download?version=x")).ExpectError(HttpStatusCode.BadRequest);

        var versions = (await Admin.Get($"/wiki/rest/api/content/{id}/version")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal([3, 2, 1], versions["results"]!.AsArray().Select(v => (int)v!["number"]!));
        var historical = await Admin.GetContentAsync(id, "?status=historical&version=1");
        Assert.Equal("application/octet-stream", (string?)historical["extensions"]!["mediaType"]);
        Assert.Equal(v1.Length, (long?)historical["extensions"]!["fileSize"]);
        Assert.Equal(fileId, (string?)historical["extensions"]!["fileId"]);

        // Deleting an old version takes its file with it, and the later versions move down (as in Cloud).
        (await Admin.Delete($"/wiki/rest/api/content/{id}/version/1")).Expect(HttpStatusCode.NoContent);
        Assert.Equal(v2, (await Admin.DownloadAsync($"{Attachments(page)}/{id}/download?version=1")).Bytes);
        Assert.Equal(v3, (await Admin.DownloadAsync($"{Attachments(page)}/{id}/download?version=2")).Bytes);
        (await Admin.Get($"{Attachments(page)}/{id}/download?version=3")).ExpectError(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Range_requests_answer_206_with_the_exact_slice()
    {
        var (_, page) = await PageAsync();
        var bytes = Pattern(100_000, 21);
        var id = (string)(await Admin.AttachAsync(page, new UploadFile("big.bin", bytes, "application/octet-stream")))[0]!["id"]!;
        var url = $"{Attachments(page)}/{id}/download";

        var (middle, slice) = await Admin.DownloadAsync(url, new RangeHeaderValue(1000, 1999));
        Assert.Equal(HttpStatusCode.PartialContent, middle.StatusCode);
        Assert.Equal(bytes[1000..2000], slice);
        Assert.Equal(1000, middle.Content.Headers.ContentRange?.From);
        Assert.Equal(bytes.Length, middle.Content.Headers.ContentRange?.Length);

        var (tail, end) = await Admin.DownloadAsync(url, new RangeHeaderValue(null, 500));
        Assert.Equal(HttpStatusCode.PartialContent, tail.StatusCode);
        Assert.Equal(bytes[^500..], end);

        var (resume, rest) = await Admin.DownloadAsync(url, new RangeHeaderValue(99_000, null));
        Assert.Equal(HttpStatusCode.PartialContent, resume.StatusCode);
        Assert.Equal(bytes[99_000..], rest);

        var (beyond, _) = await Admin.DownloadAsync(url, new RangeHeaderValue(200_000, 300_000));
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, beyond.StatusCode);
    }

    [SkippableFact]
    public async Task Unicode_file_names_survive_upload_listing_and_download()
    {
        var (_, page) = await PageAsync();
        const string name = "Résumé – 日本語 ✓.txt";
        var content = Bytes("unicode");
        var created = await Admin.AttachAsync(page, new UploadFile(name, content));
        Assert.Equal(name, (string?)created[0]!["title"]);
        var id = (string)created[0]!["id"]!;
        Assert.Equal(name, (string?)(await Admin.Get($"{Attachments(page)}?filename={Uri.EscapeDataString(name)}")).Json!["results"]![0]!["title"]);

        var (response, bytes) = await Admin.DownloadAsync($"{Attachments(page)}/{id}/download");
        Assert.Equal(content, bytes);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        // filename* (RFC 5987) carries the exact name; .NET decodes it.
        Assert.Equal(name, disposition.FileNameStar);
        Assert.Contains("filename*=UTF-8''", response.Content.Headers.GetValues("Content-Disposition").Single());

        var (viaLink, linked) = await Admin.DownloadAsync("/wiki" + (string)created[0]!["_links"]!["download"]!);
        Assert.Equal(HttpStatusCode.OK, viaLink.StatusCode);
        Assert.Equal(content, linked);
    }

    [SkippableFact]
    public async Task File_names_are_names_not_paths()
    {
        var (_, page) = await PageAsync();
        var created = await Admin.AttachAsync(page, new UploadFile("../../etc/passwd", Bytes("x")), new UploadFile(@"..\..\windows\win.ini", Bytes("y")));
        Assert.Equal(["passwd", "win.ini"], created.Select(a => (string)a!["title"]!));
        foreach (var hostile in new[] { "..", "/", "dir/", "a\u0001b.txt", new string('n', 256) + ".txt" })
        {
            (await Admin.UploadAsync(HttpMethod.Post, Attachments(page), Form([new UploadFile(hostile, Bytes("z"))])))
                .ExpectError(HttpStatusCode.BadRequest);
        }
        Assert.Equal(2, (await Admin.Get(Attachments(page))).Json!["results"]!.AsArray().Count);
    }

    [SkippableFact]
    public async Task Bad_uploads_answer_400_and_store_nothing()
    {
        var (_, page) = await PageAsync();
        async Task Refused(HttpContent content) =>
            (await Admin.UploadAsync(HttpMethod.Post, Attachments(page), content)).ExpectError(HttpStatusCode.BadRequest);

        await Refused(Form([]));                                                                        // no file part
        await Refused(Form([new UploadFile("a.txt", Bytes("a")), new UploadFile("b.txt", Bytes("b"))], ["only one"]));
        await Refused(Form([new UploadFile("same.txt", Bytes("a")), new UploadFile("SAME.txt", Bytes("b"))]));
        var badMinor = Form([new UploadFile("a.txt", Bytes("a"))]);
        badMinor.Add(new StringContent("maybe"), "minorEdit");
        await Refused(badMinor);
        await Refused(new StringContent("{\"file\": \"a\"}", System.Text.Encoding.UTF8, "application/json"));
        var broken = new ByteArrayContent(Bytes("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nabc"));
        broken.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
        await Refused(broken);
        Assert.Empty((await Admin.Get(Attachments(page))).Json!["results"]!.AsArray());

        // Attachments go on pages and blog posts, which must exist.
        (await Admin.UploadAsync(HttpMethod.Post, Attachments("999999999"), Form([new UploadFile("a.txt", Bytes("a"))]))).ExpectError(HttpStatusCode.NotFound);
        var attachment = (string)(await Admin.AttachAsync(page, new UploadFile("a.txt", Bytes("a"))))[0]!["id"]!;
        (await Admin.UploadAsync(HttpMethod.Post, Attachments(attachment), Form([new UploadFile("b.txt", Bytes("b"))]))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"/wiki/rest/api/content/{attachment}", new { version = new { number = 2 }, type = "attachment", title = "x" }))
            .ExpectError(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Properties_update_renames_retypes_comments_and_moves_with_the_version_rule()
    {
        var (key, page) = await PageAsync();
        var other = (string)(await Admin.CreatePageAsync(key, "Other " + Unique()))["id"]!;
        var bytes = Bytes("properties");
        var id = (string)(await Admin.AttachAsync(page, new UploadFile("old.txt", bytes), new UploadFile("taken.txt", Bytes("t"))))[0]!["id"]!;
        string Url(string on) => $"{Attachments(on)}/{id}";

        (await Admin.PutJson(Url(page), new { id, type = "attachment", version = new { number = 1 }, title = "new.txt" })).ExpectError(HttpStatusCode.Conflict);
        (await Admin.PutJson(Url(page), new { id, type = "attachment", version = new { number = 2 }, title = "taken.txt" })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson(Url(page), new { id, type = "attachment", title = "new.txt" })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson(Url(page), new { id = "att1", type = "attachment", version = new { number = 2 } })).ExpectError(HttpStatusCode.BadRequest);

        var renamed = (await Admin.PutJson(Url(page), new
        {
            id, type = "attachment", version = new { number = 2 }, title = "new.txt",
            metadata = new { mediaType = "text/markdown", comment = "renamed" },
        })).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("new.txt", (string?)renamed["title"]);
        Assert.Equal(2, (int?)renamed["version"]!["number"]);
        Assert.Equal("text/markdown", (string?)renamed["extensions"]!["mediaType"]);
        Assert.Equal("renamed", (string?)renamed["extensions"]!["comment"]);
        Assert.Equal(bytes, (await Admin.DownloadAsync($"{Url(page)}/download")).Bytes);

        var moved = (await Admin.PutJson(Url(page), new { id, type = "attachment", version = new { number = 3 }, container = new { id = other, type = "page" } }))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(other, (string?)moved["container"]!["id"]);
        Assert.Equal(["new.txt"], (await Admin.Get(Attachments(other))).Json!["results"]!.AsArray().Select(a => (string)a!["title"]!));
        Assert.Equal(["taken.txt"], (await Admin.Get(Attachments(page))).Json!["results"]!.AsArray().Select(a => (string)a!["title"]!));
        Assert.Equal(bytes, (await Admin.DownloadAsync($"{Url(other)}/download")).Bytes);
        (await Admin.Get($"{Url(page)}/download")).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Readers_list_and_download_only_writers_upload_and_strangers_see_nothing()
    {
        var owner = await NewUserAsync();
        var reader = await NewUserAsync();
        var stranger = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        await owner.Client.CreateSpaceAsync(key, permissions: [SpaceTestSupport.Permission("read", "space", [reader.AccountId])]);
        var page = (string)(await owner.Client.CreatePageAsync(key, "Guarded"))["id"]!;
        var id = (string)(await owner.Client.AttachAsync(page, new UploadFile("secret.txt", Bytes("secret"))))[0]!["id"]!;

        (await reader.Client.Get(Attachments(page))).Expect(HttpStatusCode.OK);
        Assert.Equal(Bytes("secret"), (await reader.Client.DownloadAsync($"{Attachments(page)}/{id}/download")).Bytes);
        (await reader.Client.UploadAsync(HttpMethod.Post, Attachments(page), Form([new UploadFile("mine.txt", Bytes("m"))]))).ExpectError(HttpStatusCode.Forbidden);
        (await reader.Client.UploadAsync(HttpMethod.Post, $"{Attachments(page)}/{id}/data", Form([new UploadFile("x.txt", Bytes("m"))]))).ExpectError(HttpStatusCode.Forbidden);
        (await reader.Client.PutJson($"{Attachments(page)}/{id}", new { id, type = "attachment", version = new { number = 2 }, title = "x.txt" }))
            .ExpectError(HttpStatusCode.Forbidden);
        (await reader.Client.Delete($"/wiki/rest/api/content/{id}")).ExpectError(HttpStatusCode.Forbidden);

        (await stranger.Client.Get(Attachments(page))).ExpectError(HttpStatusCode.NotFound);
        (await stranger.Client.Get($"{Attachments(page)}/{id}/download")).ExpectError(HttpStatusCode.NotFound);
        (await stranger.Client.Get($"/wiki/download/attachments/{page}/secret.txt")).ExpectError(HttpStatusCode.NotFound);
        (await stranger.Client.Get($"/wiki/rest/api/content/{id}")).ExpectError(HttpStatusCode.NotFound);
        (await stranger.Client.UploadAsync(HttpMethod.Post, Attachments(page), Form([new UploadFile("mine.txt", Bytes("m"))]))).ExpectError(HttpStatusCode.NotFound);
        (await Server.Anonymous().Get($"/wiki/download/attachments/{page}/secret.txt")).ExpectError(HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task Deleting_trashes_and_deleting_again_purges_the_attachment_and_its_bytes()
    {
        var (_, page) = await PageAsync();
        var unique = Pattern(2048, Random.Shared.Next());
        var id = (string)(await Admin.AttachAsync(page, new UploadFile("gone.bin", unique)))[0]!["id"]!;
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(unique));
        Assert.Equal(1, await Server.CountAsync("SELECT COUNT(*) FROM blobs WHERE key = @key", new { key }));

        (await Admin.Delete($"/wiki/rest/api/content/{id}")).Expect(HttpStatusCode.NoContent);
        Assert.Equal("trashed", (string?)(await Admin.GetContentAsync(id, "?status=trashed"))["status"]);
        Assert.Empty((await Admin.Get(Attachments(page))).Json!["results"]!.AsArray());
        (await Admin.Get($"{Attachments(page)}/{id}/download")).ExpectError(HttpStatusCode.NotFound);
        Assert.Equal(1, await Server.CountAsync("SELECT COUNT(*) FROM blobs WHERE key = @key", new { key }));

        (await Admin.Delete($"/wiki/rest/api/content/{id}?status=trashed")).Expect(HttpStatusCode.NoContent);
        (await Admin.Get($"/wiki/rest/api/content/{id}?status=trashed")).ExpectError(HttpStatusCode.NotFound);
        Assert.Equal(0, await Server.CountAsync("SELECT COUNT(*) FROM blobs WHERE key = @key", new { key }));
        Assert.Equal(0, await BlobBytesAsync(key));
    }

    [SkippableFact]
    public async Task Identical_bytes_are_stored_once_and_kept_while_any_attachment_holds_them()
    {
        var (key, page) = await PageAsync();
        var shared = Pattern(4096, Random.Shared.Next());
        var blob = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(shared));
        var first = (string)(await Admin.AttachAsync(page, new UploadFile("one.bin", shared)))[0]!["id"]!;
        var otherPage = (string)(await Admin.CreatePageAsync(key, "Second " + Unique()))["id"]!;
        await Admin.AttachAsync(otherPage, new UploadFile("two.bin", shared));
        Assert.Equal(1, await Server.CountAsync("SELECT COUNT(*) FROM blobs WHERE key = @blob", new { blob }));

        (await Admin.Delete($"/wiki/rest/api/content/{first}")).Expect(HttpStatusCode.NoContent);
        (await Admin.Delete($"/wiki/rest/api/content/{first}?status=trashed")).Expect(HttpStatusCode.NoContent);
        Assert.Equal(shared, (await Admin.DownloadAsync($"/wiki/download/attachments/{otherPage}/two.bin")).Bytes);

        // Purging the page purges its attachments, and the bytes nobody holds any more.
        (await Admin.Delete($"/wiki/rest/api/content/{otherPage}")).Expect(HttpStatusCode.NoContent);
        (await Admin.Delete($"/wiki/rest/api/content/{otherPage}?status=trashed")).Expect(HttpStatusCode.NoContent);
        Assert.Equal(0, await Server.CountAsync("SELECT COUNT(*) FROM blobs WHERE key = @blob", new { blob }));
        Assert.Equal(0, await BlobBytesAsync(blob));
    }

    [SkippableFact]
    public async Task Copies_take_attachments_when_asked_and_share_their_bytes()
    {
        var (key, page) = await PageAsync();
        var bytes = Pattern(3000, Random.Shared.Next());
        var blob = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        await Admin.AttachAsync(page, new UploadFile("copied.bin", bytes, "application/x-thing"));

        var without = (await Admin.PostJson($"/wiki/rest/api/content/{page}/copy",
            new { destination = new { type = "space", value = key }, pageTitle = "Plain copy " + Unique() })).Expect(HttpStatusCode.OK).Json!;
        Assert.Empty((await Admin.Get(Attachments((string)without["id"]!))).Json!["results"]!.AsArray());

        var with = (await Admin.PostJson($"/wiki/rest/api/content/{page}/copy",
            new { copyAttachments = true, destination = new { type = "space", value = key }, pageTitle = "Full copy " + Unique() })).Expect(HttpStatusCode.OK).Json!;
        var copy = (string)with["id"]!;
        var copied = (await Admin.Get(Attachments(copy))).Json!["results"]!.AsArray();
        Assert.Equal(["copied.bin"], copied.Select(a => (string)a!["title"]!));
        Assert.Equal("application/x-thing", (string?)copied[0]!["extensions"]!["mediaType"]);
        Assert.Equal(bytes, (await Admin.DownloadAsync($"{Attachments(copy)}/{(string)copied[0]!["id"]!}/download")).Bytes);
        Assert.Equal(1, await Server.CountAsync("SELECT COUNT(*) FROM blobs WHERE key = @blob", new { blob }));

        var target = (string)(await Admin.CreatePageAsync(key, "Target " + Unique()))["id"]!;
        var task = (await Admin.PostJson($"/wiki/rest/api/content/{page}/pagehierarchy/copy",
            new { copyAttachments = true, destinationPageId = target, titleOptions = new { prefix = "Tree " + Unique() + " " } })).Expect(HttpStatusCode.Accepted).Json!;
        Assert.True((bool?)(await Admin.WaitForTaskAsync((string)task["id"]!))["successful"]);
        var treeCopy = (string)(await Admin.Get($"/wiki/rest/api/content/{target}/child/page")).Json!["results"]![0]!["id"]!;
        Assert.Equal(bytes, (await Admin.DownloadAsync($"/wiki/download/attachments/{treeCopy}/copied.bin")).Bytes);
    }

    [SkippableFact]
    public async Task Deleting_a_space_deletes_its_attachment_bytes()
    {
        var (key, page) = await PageAsync();
        var bytes = Pattern(1500, Random.Shared.Next());
        var blob = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        await Admin.AttachAsync(page, new UploadFile("space.bin", bytes));
        var task = (await Admin.Delete($"/wiki/rest/api/space/{key}")).Expect(HttpStatusCode.Accepted).Json!;
        Assert.True((bool?)(await Admin.WaitForTaskAsync((string)task["id"]!))["successful"]);
        Assert.Equal(0, await Server.CountAsync("SELECT COUNT(*) FROM blobs WHERE key = @blob", new { blob }));
        Assert.Equal(0, await BlobBytesAsync(blob));
    }

    [SkippableFact]
    public async Task Moving_onto_a_page_that_has_the_name_is_refused_and_changes_nothing()
    {
        var (key, page) = await PageAsync();
        var other = (string)(await Admin.CreatePageAsync(key, "Other " + Unique()))["id"]!;
        var id = (string)(await Admin.AttachAsync(page, new UploadFile("same.txt", Bytes("mine"))))[0]!["id"]!;
        await Admin.AttachAsync(other, new UploadFile("same.txt", Bytes("theirs")), new UploadFile("free.txt", Bytes("x")));

        (await Admin.PutJson($"{Attachments(page)}/{id}", new { id, type = "attachment", version = new { number = 2 }, container = new { id = other } }))
            .ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"{Attachments(page)}/{id}", new { id, type = "attachment", version = new { number = 2 }, title = "FREE.txt", container = new { id = other } }))
            .ExpectError(HttpStatusCode.BadRequest);
        Assert.Equal(Bytes("mine"), (await Admin.DownloadAsync($"{Attachments(page)}/{id}/download")).Bytes);
        var moved = (await Admin.PutJson($"{Attachments(page)}/{id}", new { id, type = "attachment", version = new { number = 2 }, title = "renamed.txt", container = new { id = other } }))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("renamed.txt", (string?)moved["title"]);
        Assert.Equal(Bytes("mine"), (await Admin.DownloadAsync($"/wiki/download/attachments/{other}/renamed.txt")).Bytes);
    }

    [SkippableFact]
    public async Task Attachments_of_someone_elses_draft_are_hidden_like_the_draft()
    {
        var author = await NewUserAsync();
        var reader = await NewUserAsync();
        var key = SpaceTestSupport.NewKey();
        await author.Client.CreateSpaceAsync(key, permissions: [SpaceTestSupport.Permission("read", "space", [reader.AccountId])]);
        var draft = (string)(await author.Client.CreatePageAsync(key, "Draft " + Unique(), status: "draft"))["id"]!;
        var uploaded = (await author.Client.UploadAsync(HttpMethod.Post, $"{Attachments(draft)}?status=draft", Form([new UploadFile("plan.txt", Bytes("secret"))])))
            .Expect(HttpStatusCode.OK).Json!["results"]![0]!;
        var id = (string)uploaded["id"]!;

        Assert.Equal("plan.txt", (string?)(await author.Client.GetContentAsync(id))["title"]);
        (await reader.Client.Get($"/wiki/rest/api/content/{id}")).ExpectError(HttpStatusCode.NotFound);
        (await reader.Client.Get($"/wiki/rest/api/content/{id}/label")).ExpectError(HttpStatusCode.NotFound);
        (await reader.Client.Get($"/wiki/rest/api/content/{id}/property")).ExpectError(HttpStatusCode.NotFound);
        (await reader.Client.Get($"{Attachments(draft)}/{id}/download")).ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Media_types_are_checked_and_always_served_as_valid_headers()
    {
        var (_, page) = await PageAsync();
        var id = (string)(await Admin.AttachAsync(page, new UploadFile("doc.txt", Bytes("text"))))[0]!["id"]!;
        foreach (var bad in new[] { "text/café", "not a type", "text", "text/plain; charset=utf-8", "/plain", new string('a', 300) + "/x" })
            (await Admin.PutJson($"{Attachments(page)}/{id}", new { id, type = "attachment", version = new { number = 2 }, metadata = new { mediaType = bad } }))
                .ExpectError(HttpStatusCode.BadRequest);
        var updated = (await Admin.PutJson($"{Attachments(page)}/{id}", new { id, type = "attachment", version = new { number = 2 }, metadata = new { mediaType = "Text/Markdown" } }))
            .Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("text/markdown", (string?)updated["extensions"]!["mediaType"]);
        using var head = new HttpRequestMessage(HttpMethod.Head, $"{Attachments(page)}/{id}/download");
        var response = await Admin.SendAsync(head);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(4, response.Content.Headers.ContentLength);
    }

    [SkippableFact]
    public async Task A_part_typed_octet_stream_or_untyped_takes_its_media_type_from_the_file_name()
    {
        var (_, page) = await PageAsync();
        var created = await Admin.AttachAsync(page,
            new UploadFile("photo.PNG", Pattern(64, 7), "application/octet-stream"),
            new UploadFile("report.pdf", Pattern(64, 8), MediaType: null),
            new UploadFile("notes.txt", Bytes("n"), "Application/Octet-Stream"),
            new UploadFile("blob.nosuchextension", Pattern(64, 9), "application/octet-stream"),
            new UploadFile("archive.bin", Pattern(64, 10), "application/octet-stream"),
            new UploadFile("declared.png", Pattern(64, 11), "image/jpeg"));
        Assert.Equal(
            ["image/png", "application/pdf", "text/plain", "application/octet-stream", "application/octet-stream", "image/jpeg"],
            created.Select(a => (string?)a!["extensions"]!["mediaType"]));
        Assert.Equal("image/png", (string?)created[0]!["metadata"]!["mediaType"]);

        // New data is typed the same way, by the name of the file sent.
        var id = (string)created[3]!["id"]!;
        var data = (await Admin.UploadAsync(HttpMethod.Post, $"{Attachments(page)}/{id}/data",
            Form([new UploadFile("now-a.gif", Pattern(64, 12), "application/octet-stream")]))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("image/gif", (string?)data["extensions"]!["mediaType"]);
        var (response, _) = await Admin.DownloadAsync($"{Attachments(page)}/{created[1]!["id"]}/download");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task A_trashed_page_shows_no_attachments()
    {
        var (_, page) = await PageAsync();
        var id = (string)(await Admin.AttachAsync(page, new UploadFile("kept.txt", Bytes("k"))))[0]!["id"]!;
        (await Admin.Delete($"/wiki/rest/api/content/{page}")).Expect(HttpStatusCode.NoContent);
        (await Admin.Get(Attachments(page))).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get($"{Attachments(page)}/{id}/download")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.Get($"/wiki/download/attachments/{page}/kept.txt")).ExpectError(HttpStatusCode.NotFound);
        (await Admin.PutJson($"{Attachments(page)}/{id}", new { id, type = "attachment", version = new { number = 2 }, title = "x.txt" }))
            .ExpectError(HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task A_refused_upload_leaves_no_bytes_behind()
    {
        var (_, page) = await PageAsync();
        await Admin.AttachAsync(page, new UploadFile("taken.bin", Bytes("first")));
        var fresh = Pattern(5000, Random.Shared.Next());
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(fresh));
        (await Admin.UploadAsync(HttpMethod.Post, Attachments(page), Form([new UploadFile("taken.bin", fresh)]))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.UploadAsync(HttpMethod.Post, Attachments(page), Form([new UploadFile("ok.bin", fresh), new UploadFile("taken.bin", fresh)])))
            .ExpectError(HttpStatusCode.BadRequest);
        Assert.Equal(0, await Server.CountAsync("SELECT COUNT(*) FROM blobs WHERE key = @key", new { key }));
        Assert.Equal(0, await BlobBytesAsync(key));
    }

    [SkippableFact]
    public async Task Every_multipart_call_checks_xsrf_and_size_and_names_through_filename_star()
    {
        var (_, page) = await PageAsync();
        var id = (string)(await Admin.AttachAsync(page, new UploadFile("a.txt", Bytes("a"))))[0]!["id"]!;
        (await Admin.UploadAsync(HttpMethod.Post, $"{Attachments(page)}/{id}/data", Form([new UploadFile("a.txt", Bytes("b"))]), xsrfHeader: false))
            .ExpectError(HttpStatusCode.Forbidden);

        // filename* (RFC 5987) carries a path as well as filename does; only its last segment counts.
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(Bytes("star"));
        part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = "../../etc/shadow" };
        form.Add(part);
        var created = (await Admin.UploadAsync(HttpMethod.Post, Attachments(page), form)).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("shadow", (string?)created["results"]![0]!["title"]);
        var disguised = new MultipartFormDataContent();
        var rtl = new ByteArrayContent(Bytes("x"));
        rtl.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = "invoice\u202Etxt.exe" };
        disguised.Add(rtl);
        (await Admin.UploadAsync(HttpMethod.Post, Attachments(page), disguised)).ExpectError(HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task Start_up_removes_bytes_no_record_lists()
    {
        var settings = await Fixture.FreshDatabaseAsync();
        var kept = Pattern(3000, 31);
        var stray = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Pattern(10, 32)));
        var database = settings.GetValueOrDefault("Quire:Attachments:Store") == "database";
        string page;
        await using (var first = new QuireServer(Server.Engine, settings))
        {
            var admin = first.Admin();
            var key = SpaceTestSupport.NewKey();
            await admin.CreateSpaceAsync(key);
            page = (string)(await admin.CreatePageAsync(key, "Sweep"))["id"]!;
            await admin.AttachAsync(page, new UploadFile("kept.bin", kept));
            // What a crash between publishing and committing leaves: bytes under a blob's name, without its row.
            if (database)
                await first.CountAsync("INSERT INTO blob_chunks (blob_key, seq, data) VALUES (@stray, 0, @data) RETURNING 1", new { stray, data = new byte[] { 1 } });
            else
            {
                var path = Path.Combine(settings["Quire:DataDirectory"]!, "attachments", stray[..2], stray[2..4], stray);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, [1]);
            }
        }

        await using var second = new QuireServer(Server.Engine, settings);
        Assert.Equal(kept, (await second.Admin().DownloadAsync($"/wiki/download/attachments/{page}/kept.bin")).Bytes);
        if (database)
            Assert.Equal(0, await second.CountAsync("SELECT COUNT(*) FROM blob_chunks WHERE blob_key = @stray", new { stray }));
        else
            Assert.False(File.Exists(Path.Combine(settings["Quire:DataDirectory"]!, "attachments", stray[..2], stray[2..4], stray)));
    }

    [SkippableFact]
    public async Task Uploads_over_the_configured_size_answer_413_and_leave_nothing()
    {
        var settings = await Fixture.FreshDatabaseAsync();
        settings["Quire:Attachments:MaxUploadBytes"] = "1024";
        await using var server = new QuireServer(Server.Engine, settings);
        var admin = server.Admin();
        var key = SpaceTestSupport.NewKey();
        await admin.CreateSpaceAsync(key);
        var page = (string)(await admin.CreatePageAsync(key, "Small"))["id"]!;

        (await admin.UploadAsync(HttpMethod.Post, Attachments(page), Form([new UploadFile("fits.bin", Pattern(1024, 1))]))).Expect(HttpStatusCode.OK);
        // Over the file limit but inside the request limit: the stream is cut at the limit.
        (await admin.UploadAsync(HttpMethod.Post, Attachments(page), Form([new UploadFile("big.bin", Pattern(1025, 2))]))).ExpectError(HttpStatusCode.RequestEntityTooLarge);
        // Over the request limit: refused before the body is read.
        (await admin.UploadAsync(HttpMethod.Post, Attachments(page), Form([new UploadFile("huge.bin", Pattern(3 * 1024 * 1024, 3))]))).ExpectError(HttpStatusCode.RequestEntityTooLarge);
        (await admin.UploadAsync(HttpMethod.Put, Attachments(page), Form([new UploadFile("fits.bin", Pattern(1025, 4))]))).ExpectError(HttpStatusCode.RequestEntityTooLarge);
        var fits = (string)(await admin.Get(Attachments(page))).Json!["results"]![0]!["id"]!;
        (await admin.UploadAsync(HttpMethod.Post, $"{Attachments(page)}/{fits}/data", Form([new UploadFile("fits.bin", Pattern(2048, 5))])))
            .ExpectError(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(["fits.bin"], (await admin.Get(Attachments(page))).Json!["results"]!.AsArray().Select(a => (string)a!["title"]!));
        Assert.Equal(1, (int?)(await admin.Get($"/wiki/rest/api/content/{fits}")).Json!["version"]!["number"]);
        Assert.Equal(1, await server.CountAsync("SELECT COUNT(*) FROM blobs", new { }));
        if (settings.GetValueOrDefault("Quire:Attachments:Store") != "database")
        {
            var temp = Path.Combine(settings["Quire:DataDirectory"]!, "attachments", "tmp");
            Assert.Empty(Directory.Exists(temp) ? Directory.GetFiles(temp) : []);
        }
        else
            Assert.Equal(0, await server.CountAsync("SELECT COUNT(*) FROM blob_chunks WHERE blob_key LIKE 'tmp-%'", new { }));
    }

    /// <summary>Settings the fixture's own server runs with beyond the database (e.g. the blob store).</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings() => new Dictionary<string, string?>();

    /// <summary>How many stored byte containers the blob has: a file in the file store, chunk rows in the database store.</summary>
    private async Task<long> BlobBytesAsync(string key)
    {
        if (ExtraSettings().GetValueOrDefault("Quire:Attachments:Store") == "database")
            return await Server.CountAsync("SELECT COUNT(*) FROM blob_chunks WHERE blob_key = @key", new { key });
        var options = Server.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Quire.Server.Hosting.QuireOptions>>().Value;
        var path = Path.Combine(Path.GetFullPath(options.DataDirectory), "attachments", key[..2], key[2..4], key);
        return File.Exists(path) ? 1 : 0;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AttachmentApiTestsOnSqlite(SqliteServerFixture fixture) : AttachmentApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AttachmentApiTestsOnPostgres(PostgresServerFixture fixture) : AttachmentApiTests(fixture);

[Collection(PostgresDatabaseBlobsCollection.Name)]
public sealed class AttachmentApiTestsOnPostgresDatabaseBlobs(PostgresDatabaseBlobsFixture fixture) : AttachmentApiTests(fixture)
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings() =>
        new Dictionary<string, string?> { ["Quire:Attachments:Store"] = "database" };
}
