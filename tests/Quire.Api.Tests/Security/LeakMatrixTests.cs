using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.ContentAttachments;
using Quire.Api.Tests.ContentRestrictions;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Permissions;
using Quire.Api.Tests.Spaces;
using Xunit.Abstractions;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.ContentRestrictions.RestrictionTestSupport;

namespace Quire.Api.Tests.Security;

/// <summary>
/// The leak matrix: a space with restricted pages (a restricted parent with an open-looking
/// child, a comment, an attachment with a comment, custom content with a child and a comment, labels and properties), a
/// trashed page with a comment, an attachment with a comment and custom content, and folders and a whiteboard restricted or trashed,
/// and a user who may read the space but neither the restricted pages nor its trash. Every GET route the server has (read from its own route table, so a new
/// endpoint joins by itself) is called with every plausible value for its parameters, bare and
/// with a query that asks for everything; no answer may carry a restricted id, title or body.
/// </summary>
public abstract partial class LeakMatrixTests(ServerFixture fixture, ITestOutputHelper output) : ApiTest(fixture)
{
    /// <summary>Expansions that would pull restricted content in, if any path forgot the check.</summary>
    private const string ExpandEverything =
        "body.storage,body.view,children.page,children.comment,children.attachment,descendants.page,descendants.comment," +
        "descendants.attachment,ancestors,container,history,history.lastUpdated,version,space,space.homepage,metadata.labels," +
        "metadata.properties.leakprop,restrictions.read.restrictions.user,operations,childTypes.all,homepage,content,personalSpace,source,target,relationData," +
        // Nested expansions render their members in full: bodies below children, descendants and ancestors.
        "children.page.body.storage,descendants.page.body.view,descendants.comment.body.storage,ancestors.body.storage";

    [SkippableFact]
    public async Task No_GET_route_shows_a_reader_what_restrictions_hide()
    {
        var bob = await NewUserAsync();
        await SweepAsync(Server, Admin, bob);
    }

    /// <summary>The same sweep as an anonymous reader, on a site of its own that allows anonymous use, of a space open to anonymous.</summary>
    [SkippableFact]
    public async Task No_GET_route_shows_an_anonymous_reader_what_restrictions_hide()
    {
        // Every anonymous call comes from one client address, one budget: the sweep's 22,000 calls would spend it.
        var settings = await Fixture.FreshDatabaseAsync();
        settings["Quire:RateLimits:PerUser:TokenLimit"] = "0";
        await using var server = new QuireServer(Server.Engine, settings);
        var admin = server.Admin();
        (await admin.Put($"{GlobalPermissionTestSupport.PermissionsUrl}/use/anonymous")).Expect(HttpStatusCode.OK);
        await SweepAsync(server, admin, member: null);
    }

    /// <summary>
    /// Builds the restricted space on <paramref name="server"/> and calls every GET route as the
    /// reader: <paramref name="member"/>, a user who may read the space, or (null) anonymous.
    /// </summary>
    private async Task SweepAsync(QuireServer server, HttpClient Admin, TestUser? member)
    {
        var u = Unique();
        var marker = "LEAKMARK" + u;
        var key = await Admin.SharedSpaceAsync(member is null ? [] : [member]);
        if (member is null)
            (await Admin.PostJson($"/wiki/rest/api/space/{key}/permission", new
            {
                subject = new { type = "user", identifier = "anonymous" }, operation = new { key = "read", target = "space" },
            })).Expect(HttpStatusCode.OK);
        var reader = member?.Client ?? server.Anonymous();
        var me = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;
        var label = "leak" + u;

        // An open page with, below it, a directly restricted page and a restricted parent whose child looks open.
        var open = (string)(await Admin.CreatePageAsync(key, "Visible " + u, "<p>visible</p>"))["id"]!;
        var restricted = (string)(await Admin.CreatePageAsync(key, $"SecretR{u}",
            $"<p>{marker}</p><ac:structured-macro ac:name=\"info\" ac:macro-id=\"leak-macro\"><ac:rich-text-body><p>{marker}</p></ac:rich-text-body></ac:structured-macro>",
            parentId: open))["id"]!;
        var parent = (string)(await Admin.CreatePageAsync(key, $"SecretP{u}", $"<p>{marker}</p>", parentId: open))["id"]!;
        var child = (string)(await Admin.CreatePageAsync(key, $"SecretC{u}", $"<p>{marker}</p>", parentId: parent))["id"]!;
        var comment = (string)(await Admin.PostJson(ContentUrl, new
        {
            type = "comment", container = new { id = child, type = "page" }, body = StorageBody($"<p>{marker} comment</p>"),
        })).Expect(HttpStatusCode.OK).Json!["id"]!;
        var fileName = $"secret{u}.txt";
        var attachment = ((string)(await Admin.AttachAsync(child, new UploadFile(fileName, AttachmentTestSupport.Bytes(marker))))[0]!["id"]!)[3..];
        // A comment on the restricted page's attachment: restrictions reach it two levels down.
        var attachmentComment = (string)(await Admin.PostJson(ContentUrl, new
        {
            type = "comment", container = new { id = attachment, type = "attachment" }, body = StorageBody($"<p>{marker} on the file</p>"),
        })).Expect(HttpStatusCode.OK).Json!["id"]!;
        // Custom content of a declared type in the restricted page, custom content in it, and a comment on it.
        var customType = "ac:leak-matrix:t" + u;
        (await Admin.PostJson("/wiki/rest/api/admin/custom-content-types", new
        {
            key = customType,
            apiSupport = new { supportedContainerTypes = new[] { "space", "page", customType }, supportedChildTypes = new[] { "attachment", "comment", customType } },
        })).Expect(HttpStatusCode.Created);
        async Task<string> CustomAsync(string place, string placeId, string title) =>
            (string)(await Admin.PostJson("/wiki/api/v2/custom-content", new JsonObject
            {
                ["type"] = customType, [place] = placeId, ["title"] = title,
                ["body"] = new JsonObject { ["representation"] = "storage", ["value"] = $"<p>{marker} custom</p>" },
            })).Expect(HttpStatusCode.Created).Json!["id"]!;
        var custom = await CustomAsync("pageId", child, $"SecretX{u}");
        var customChild = await CustomAsync("customContentId", custom, $"SecretX{u} child");
        var customComment = (string)(await Admin.PostJson("/wiki/api/v2/footer-comments", new
        {
            customContentId = custom, body = new { representation = "storage", value = $"<p>{marker} on custom content</p>" },
        })).Expect(HttpStatusCode.Created).Json!["id"]!;
        (await Admin.PostJson($"{ContentUrl}/{custom}/label", new[] { new { prefix = "global", name = label } })).Expect(HttpStatusCode.OK);
        var propertyIds = new List<string>();
        foreach (var id in new[] { open, parent, child })
        {
            (await Admin.PostJson($"{ContentUrl}/{id}/label", new[] { new { prefix = "global", name = label } })).Expect(HttpStatusCode.OK);
            propertyIds.Add((await Admin.PostJson($"{ContentUrl}/{id}/property", new { key = "leakprop", value = new { text = id == open ? "fine" : marker } }))
                .Expect(HttpStatusCode.OK).Json!["id"]!.ToString());
        }
        await Admin.UpdateAsync(child, 2, $"SecretC{u}", $"<p>{marker} v2</p>");
        await Admin.RestrictAsync(restricted, Entry("read", [me]));
        await Admin.RestrictAsync(parent, Entry("read", [me]));
        // The space's homepage is restricted too: spaces name their homepage.
        var homepage = (await Admin.Get($"/wiki/rest/api/space/{key}?expand=homepage")).Expect(HttpStatusCode.OK).Json!["homepage"]!;
        await Admin.RestrictAsync((string)homepage["id"]!, Entry("read", [me]));

        // A trashed page with a comment, related from the open page: the trash is its space admins' alone.
        var trashed = (string)(await Admin.CreatePageAsync(key, $"SecretT{u}", $"<p>{marker} trashed</p>", parentId: open))["id"]!;
        var trashedComment = (string)(await Admin.PostJson(ContentUrl, new
        {
            type = "comment", container = new { id = trashed, type = "page" }, body = StorageBody($"<p>{marker} on the trashed page</p>"),
        })).Expect(HttpStatusCode.OK).Json!["id"]!;
        // And a comment on an attachment of the trashed page: the attachment and its comment are current, only the page is trashed.
        var trashedAttachment = ((string)(await Admin.AttachAsync(trashed, new UploadFile($"trashed{u}.txt", AttachmentTestSupport.Bytes(marker))))[0]!["id"]!)[3..];
        var trashedAttachmentComment = (string)(await Admin.PostJson($"/wiki/api/v2/footer-comments", new
        {
            attachmentId = "att" + trashedAttachment, body = new { representation = "storage", value = $"<p>{marker} on the trashed page's file</p>" },
        })).Expect(HttpStatusCode.Created).Json!["id"]!;
        var trashedCustom = await CustomAsync("pageId", trashed, $"SecretX{u} in the trash");
        (await Admin.Call(HttpMethod.Put, $"/wiki/rest/api/relation/leakrel/from/content/{open}/to/content/{trashed}")).Expect(HttpStatusCode.OK);
        // A level named with the marker on the hidden pages (the trashed one before it goes to the trash), then archived, so that
        // GET /classification-levels does not list it: only a classification route answering for a hidden page could show it.
        var level = (string)(await Admin.PostJson("/wiki/rest/api/admin/classification-levels", new { name = $"{marker} level", color = "RED" }))
            .Expect(HttpStatusCode.Created).Json!["id"]!;
        foreach (var classified in new[] { restricted, child, trashed })
            (await Admin.PutJson($"/wiki/api/v2/pages/{classified}/classification-level", new { id = level, status = "current" })).Expect(HttpStatusCode.NoContent);
        (await Admin.PostJson($"/wiki/rest/api/admin/classification-levels/{level}/archive", new { })).Expect(HttpStatusCode.OK);

        (await Admin.Delete($"{ContentUrl}/{trashed}")).Expect(HttpStatusCode.NoContent);

        // The page tree's other kinds: a restricted folder under the open page with a page inside it (restrictions reach
        // through folders), a whiteboard under the restricted parent, and a trashed folder; each with a property.
        var treeSpaceId = ((long)(await Admin.Get($"/wiki/rest/api/space/{key}")).Expect(HttpStatusCode.OK).Json!["id"]!)
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
        async Task<string> TreeItemAsync(string path, string title, string parentId) =>
            (string)(await Admin.PostJson($"/wiki/api/v2/{path}", new { spaceId = treeSpaceId, title, parentId })).Expect(HttpStatusCode.OK).Json!["id"]!;
        var secretFolder = await TreeItemAsync("folders", $"SecretF{u}", open);
        var inFolder = (string)(await Admin.CreatePageAsync(key, $"SecretFP{u}", $"<p>{marker} in the folder</p>", parentId: secretFolder))["id"]!;
        var whiteboard = await TreeItemAsync("whiteboards", $"SecretW{u}", parent);
        var trashedFolder = await TreeItemAsync("folders", $"SecretTF{u}", open);
        foreach (var id in new[] { secretFolder, whiteboard, trashedFolder })
            propertyIds.Add((await Admin.PostJson($"{ContentUrl}/{id}/property", new { key = "leakprop", value = new { text = marker } }))
                .Expect(HttpStatusCode.OK).Json!["id"]!.ToString());
        await Admin.RestrictAsync(secretFolder, Entry("read", [me]));
        (await Admin.Delete($"/wiki/api/v2/folders/{trashedFolder}")).Expect(HttpStatusCode.NoContent);

        // The admin watches the hidden pages and the space, so the watch routes have something to hide.
        foreach (var watched in new[] { $"content/{restricted}", $"content/{child}", $"content/{open}", $"space/{key}", $"label/{label}" })
            (await Admin.Call(HttpMethod.Post, $"/wiki/rest/api/user/watch/{watched}", xsrfHeader: true)).Expect(HttpStatusCode.NoContent);

        // And relates them: a custom relation from the open page and the space to hidden pages, and favourites.
        foreach (var (from, to) in new[] { ($"content/{open}", $"content/{restricted}"), ($"content/{open}", $"content/{child}"), ($"space/{key}", $"content/{child}") })
            (await Admin.Call(HttpMethod.Put, $"/wiki/rest/api/relation/leakrel/from/{from}/to/{to}")).Expect(HttpStatusCode.OK);
        foreach (var favourite in new[] { restricted, child })
            (await Admin.Call(HttpMethod.Put, $"/wiki/rest/api/relation/favourite/from/user/current/to/content/{favourite}")).Expect(HttpStatusCode.OK);

        // A state on the hidden page, for the content-state routes.
        (await Admin.PutJson($"{ContentUrl}/{restricted}/state", new { id = 1 })).Expect(HttpStatusCode.OK);

        // A template of the space, for the template routes.
        var template = (string)(await Admin.PostJson("/wiki/rest/api/template", new
        {
            name = "Leak template " + u, templateType = "page", body = new { storage = new { value = "<p>template</p>", representation = "storage" } },
            space = new { key },
        })).Expect(HttpStatusCode.OK).Json!["templateId"]!;

        var hiddenIds = new[]
        {
            restricted, parent, child, comment, attachment, attachmentComment, (string)homepage["id"]!, trashed, trashedComment,
            trashedAttachment, trashedAttachmentComment, custom, customChild, customComment, trashedCustom,
            secretFolder, inFolder, whiteboard, trashedFolder,
        };
        var hiddenTexts = new[] { marker, $"SecretR{u}", $"SecretP{u}", $"SecretC{u}", fileName, (string)homepage["title"]!, $"SecretT{u}", $"SecretX{u}", $"SecretF{u}", $"SecretFP{u}", $"SecretW{u}", $"SecretTF{u}" };
        // v2 names spaces and labels by id.
        var spaceId = ((long)(await Admin.Get($"/wiki/rest/api/space/{key}")).Expect(HttpStatusCode.OK).Json!["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var labelId = (await Admin.Get($"/wiki/rest/api/label?name={label}")).Expect(HttpStatusCode.OK).Json!["label"]!["id"]!.ToString();
        var (groupId, groupName) = member is null ? await Admin.NewGroupAsync() : await Admin.NewGroupAsync(member);
        // A group, without the reader, that holds a custom role in a private space the reader cannot read: a role listing
        // filtered by that principal must not say it holds the role (that it holds one there is not the reader's to know).
        var (holders, _) = await Admin.NewGroupAsync();
        var heldRole = (string)(await Admin.PostJson("/wiki/api/v2/space-roles",
                new { name = $"Held{u}", description = "", spacePermissions = new[] { "read/space" } }))
            .Expect(HttpStatusCode.OK).Json!["id"]!;
        var hiddenSpaceId = ((long)(await Admin.CreateSpaceAsync(isPrivate: true))["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);
        (await Admin.PostJson($"/wiki/api/v2/spaces/{hiddenSpaceId}/role-assignments",
            new { principal = new { principalType = "GROUP", principalId = holders }, roleId = heldRole })).Expect(HttpStatusCode.OK);

        // Values for every route parameter; an unknown parameter fails the test, so a new route must be given values here.
        var values = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["id"] = [.. hiddenIds, "att" + attachment, "att" + trashedAttachment, open, spaceId, labelId],
            ["contentId"] = [.. hiddenIds, open],
            ["spaceId"] = [spaceId],
            ["propertyId"] = [.. propertyIds],
            ["labelName"] = [label],
            ["attachmentId"] = [attachment, "att" + attachment, "att" + trashedAttachment],
            ["pageId"] = [child, parent],
            ["fileName"] = [fileName],
            // Webhooks are for site admins only: a reader gets 403 whatever the ids.
            ["webhookId"] = ["1"],
            ["deliveryId"] = ["1"],
            // Connect apps are managed by site admins only (403); install keys are public keys, nothing restricted.
            ["pluginKey"] = ["some-app"],
            ["kid"] = ["1"],
            // OAuth apps are registered by site admins only: a reader gets 403 whatever the client id.
            ["clientId"] = ["1"],
            // Classification levels are defined by site admins only: a reader gets 403 whatever the id.
            ["levelId"] = ["1"],
            ["spaceKey"] = [key],
            ["key"] = [key, "leakprop"],
            // App properties are site admins' (403 to a reader).
            ["propertyKey"] = ["leakprop"],
            ["type"] = ["page", "comment", "attachment", "blogpost", customType],
            ["operationKey"] = ["read", "update"],
            ["groupName"] = [groupName, "confluence-users"],
            ["groupId"] = [groupId],
            ["versionNumber"] = ["1", "2"],
            ["userId"] = member is null ? [me] : [member.AccountId, me],
            ["relationName"] = ["leakrel", "favourite"],
            ["contentTemplateId"] = [template],
            ["version"] = ["0", "1"],
            ["macroId"] = ["leak-macro"],
            ["themeKey"] = ["com.example.theme"],
            ["inlineTaskId"] = ["1", "2", "3"],
            ["taskId"] = ["1", Guid.NewGuid().ToString()],
            ["to"] = ["view", "export_view"],
            ["sourceType"] = ["content", "space", "user"],
            ["targetType"] = ["content", "space"],
            ["sourceKey"] = [open, restricted, child, key, me],
            ["targetKey"] = [restricted, child, key, trashed],
        };
        var query = $"?expand={ExpandEverything}&limit=200&depth=all&spaceKey={key}&type=page&status=any&targetStatus=trashed&sourceStatus=trashed" +
                    $"&name={label}&accountId={me}&key={key}&groupId={groupId}" +
                    // Search: everything in the space or carrying the label, with drafts and trash too.
                    $"&cql={Uri.EscapeDataString($"space = {key} OR label = {label} ORDER BY title")}" +
                    $"&cqlcontext={Uri.EscapeDataString("{\"contentStatuses\":[\"current\",\"trashed\",\"draft\",\"archived\"]}")}";

        // v2 asks with its own parameters: every include, a body, every status a listing or a read takes.
        var v2Queries = new[]
        {
            "?body-format=storage&include-labels=true&include-properties=true&include-operations=true&include-likes=true" +
            $"&include-versions=true&include-favorited-by-current-user-status=true&status=current,archived,trashed,deleted&space-id={spaceId}&limit=250&depth=all&sort=-modified-date",
            $"?body-format=view&get-draft=true&status=draft&principal-type=GROUP&principal-id={holders}",
            $"?body-format=atlas_doc_format&status=historical&version=1&principal-type=USER&principal-id={me}",
            // Custom content listings need their type.
            $"?type={Uri.EscapeDataString(customType)}&body-format=storage&include-labels=true&include-properties=true&include-operations=true" +
            "&include-versions=true&sort=-modified-date",
        };

        var routes = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct().Order().ToList();
        var unknown = routes.SelectMany(r => Parameter().Matches(r).Select(m => m.Groups[1].Value)).Where(p => !values.ContainsKey(p)).Distinct().ToList();
        Assert.True(unknown.Count == 0, $"Route parameters without values in the leak matrix: {string.Join(", ", unknown)}");

        var calls = 0;
        var answered = 0;
        var sawOpenPage = false;
        var sawOpenPageInV2 = false;
        var leaks = new List<string>();
        foreach (var route in routes)
            foreach (var url in Expand(route, values))
                foreach (var target in url.StartsWith("/wiki/api/v2/", StringComparison.Ordinal)
                             ? [url, .. v2Queries.Select(q => url + q)]
                             : new[] { url, url + query })
                {
                    var response = await reader.Get(target);
                    calls++;
                    if (response.Status == HttpStatusCode.OK) answered++;
                    var body = response.Body;
                    sawOpenPage |= body.Contains("Visible " + u, StringComparison.Ordinal);
                    sawOpenPageInV2 |= target.StartsWith("/wiki/api/v2/", StringComparison.Ordinal) && body.Contains("Visible " + u, StringComparison.Ordinal);
                    foreach (var text in hiddenTexts.Where(t => body.Contains(t, StringComparison.Ordinal)))
                        leaks.Add($"{target}: {(int)response.Status} shows '{text}'");
                    // The role listings filtered by the group: a role by id, or another id that happens to be equal, is no leak.
                    if (target.Contains($"principal-id={holders}", StringComparison.Ordinal)
                        && (target.StartsWith("/wiki/api/v2/space-roles?", StringComparison.Ordinal) && Regex.IsMatch(body, $"\"id\":\"{heldRole}\"")
                            || target.Split('?')[0].EndsWith("/role-assignments", StringComparison.Ordinal) && Regex.IsMatch(body, $"\"roleId\":\"{heldRole}\"")))
                        leaks.Add($"{target}: {(int)response.Status} shows that a group holds role {heldRole} in a space the reader cannot read");
                    var shownIds = ContentIds(response.Json);
                    foreach (var id in hiddenIds.Where(id => shownIds.Contains(id) || Regex.IsMatch(body, LinkPattern(id))))
                        leaks.Add($"{target}: {(int)response.Status} shows id {id}");
                }
        output.WriteLine($"{routes.Count} GET routes, {calls} calls, {answered} answered 200");
        // Looked up by title (which links would echo, so the results are checked instead of the text).
        foreach (var title in new[] { $"SecretC{u}", $"SecretP{u}", $"SecretR{u}" })
            Assert.Empty((await reader.Get($"{ContentUrl}?spaceKey={key}&title={title}")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray());
        Assert.Single((await reader.Get($"{ContentUrl}?spaceKey={key}&title=Visible%20{u}")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray());
        Assert.True(leaks.Count == 0, "Restricted content leaked:\n" + string.Join("\n", leaks.Distinct().Take(50)));
        // The matrix must have looked: the open page and its listings were answered.
        Assert.True(sawOpenPage, "No response showed the open page: the matrix did not reach content.");
        Assert.True(sawOpenPageInV2, "No v2 response showed the open page: the matrix did not reach v2's content.");
        // Anonymous readers are refused people, groups and tasks (401), so fewer of their calls answer.
        Assert.True(answered > routes.Count / (member is null ? 4 : 2), $"Only {answered} of {calls} calls answered 200.");
    }

    /// <summary>Where a content id shows in a link: the API's, the web UI's, a download's.</summary>
    private static string LinkPattern(string id) =>
        $"(/content/(att)?{id}(?![0-9A-Za-z])|/pages/{id}(?![0-9])|pageId={id}(?![0-9])|/attachments/{id}/|/(folder|whiteboard|database|embed)s?/{id}(?![0-9]))";

    /// <summary>The ids of every content object (one with a content type) anywhere in the answer, without an "att" prefix.</summary>
    private static HashSet<string> ContentIds(JsonNode? node)
    {
        var ids = new HashSet<string>();
        void Walk(JsonNode? n)
        {
            switch (n)
            {
                case JsonObject o:
                    if (o["type"] is JsonValue type && type.TryGetValue<string>(out var t)
                        && (t is "page" or "blogpost" or "comment" or "attachment" || t.StartsWith("ac:", StringComparison.Ordinal))
                        && o["id"] is JsonValue id)
                        ids.Add(id.ToString().Replace("att", "", StringComparison.Ordinal));
                    // v2's content objects carry no type: a titled object with a status is content, and these members name content.
                    if (o.ContainsKey("title") && o.ContainsKey("status") && o["id"] is JsonValue v2Id)
                        ids.Add(v2Id.ToString().Replace("att", "", StringComparison.Ordinal));
                    foreach (var member in new[] { "parentId", "pageId", "blogPostId", "containerId", "attachmentId", "customContentId" })
                        if (o[member] is JsonValue reference)
                            ids.Add(reference.ToString().Replace("att", "", StringComparison.Ordinal));
                    foreach (var (_, child) in o) Walk(child);
                    break;
                case JsonArray a:
                    foreach (var child in a) Walk(child);
                    break;
            }
        }
        Walk(node);
        return ids;
    }

    /// <summary>The route with each combination of values for its parameters.</summary>
    private static IEnumerable<string> Expand(string route, IReadOnlyDictionary<string, string[]> values)
    {
        var match = Parameter().Match(route);
        if (!match.Success)
        {
            yield return route;
            yield break;
        }
        foreach (var value in values[match.Groups[1].Value])
            foreach (var rest in Expand(route[(match.Index + match.Length)..], values))
                yield return route[..match.Index] + Uri.EscapeDataString(value) + rest;
    }

    [GeneratedRegex(@"\{([A-Za-z]+)(?::[^}]*)?\}")]
    private static partial Regex Parameter();
}

[Collection(SqliteCollection.Name)]
public sealed class LeakMatrixTestsOnSqlite(SqliteServerFixture fixture, ITestOutputHelper output) : LeakMatrixTests(fixture, output);

[Collection(PostgresCollection.Name)]
public sealed class LeakMatrixTestsOnPostgres(PostgresServerFixture fixture, ITestOutputHelper output) : LeakMatrixTests(fixture, output);
