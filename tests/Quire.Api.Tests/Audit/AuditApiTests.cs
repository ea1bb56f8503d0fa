using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.ContentRestrictions;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.Content.ContentTestSupport;
using static Quire.Api.Tests.ContentRestrictions.RestrictionTestSupport;

namespace Quire.Api.Tests.Audit;

// The audit log is one per site and these tests write to it, so they run one after another
// (their collection) and find their own records by unique text.
public abstract class AuditApiTests(ServerFixture fixture) : ApiTest(fixture)
{
    private const string Audit = "/wiki/rest/api/audit";

    private static object Record(string summary, long? creationDate = null, string remoteAddress = "10.0.0.1", string description = "") => new
    {
        author = new { type = "user", displayName = "Integration bot", username = "bot" },
        remoteAddress,
        creationDate,
        summary,
        description,
        category = "Integration",
        sysAdmin = false,
        affectedObject = new { name = "Thing", objectType = "Widget" },
        changedValues = new[] { new { name = "colour", oldValue = "red", newValue = "blue" } },
        associatedObjects = new[] { new { name = "Other", objectType = "Widget" } },
    };

    private async Task<List<JsonNode>> SearchAsync(string text, string query = "") =>
        (await Admin.Get($"{Audit}?searchString={Uri.EscapeDataString(text)}{query}")).Expect(HttpStatusCode.OK).Json!["results"]!.AsArray()
        .Select(r => r!).ToList();

    [SkippableFact]
    public async Task Records_are_created_listed_by_date_and_text_and_admin_only()
    {
        var tag = Unique();
        var created = (await Admin.PostJson(Audit, Record("Widget recoloured " + tag))).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal("user", (string?)created["author"]!["type"]);
        Assert.Equal("Integration bot", (string?)created["author"]!["displayName"]);
        Assert.True(created["author"]!.AsObject().ContainsKey("operations"));
        Assert.Equal("10.0.0.1", (string?)created["remoteAddress"]);
        Assert.Equal("Integration", (string?)created["category"]);
        Assert.Equal("Widget", (string?)created["affectedObject"]!["objectType"]);
        Assert.Equal("blue", (string?)created["changedValues"]![0]!["newValue"]);
        Assert.Equal("Other", (string?)created["associatedObjects"]![0]!["name"]);
        var at = (long)created["creationDate"]!;
        Assert.InRange(at, DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds());

        // An older one, then: text search (case-insensitive, any string value), dates, newest first, paging.
        var older = DateTimeOffset.UtcNow.AddDays(-10).ToUnixTimeMilliseconds();
        (await Admin.PostJson(Audit, Record("Widget recoloured " + tag, creationDate: older, description: "long ago"))).Expect(HttpStatusCode.OK);
        var both = await SearchAsync("WIDGET RECOLOURED " + tag.ToUpperInvariant());
        Assert.Equal([at, older], both.Select(r => (long)r["creationDate"]!));
        Assert.Single(await SearchAsync(tag, $"&startDate={older + 1}"));
        Assert.Single(await SearchAsync(tag, $"&endDate={older}"));
        Assert.Single(await SearchAsync("long ago " ));
        var paged = (await Admin.Get($"{Audit}?searchString={tag}&limit=1")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(1, (int)paged["size"]!);
        Assert.NotNull(paged["_links"]!["next"]);
        // since: the last week holds one of them, the last month both.
        var week = (await Admin.Get($"{Audit}/since?number=1&units=WEEKS&searchString={tag}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Single(week["results"]!.AsArray());
        var month = (await Admin.Get($"{Audit}/since?number=1&units=months&searchString={tag}")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(2, month["results"]!.AsArray().Count);
        Assert.Equal(2, (await Admin.Get($"{Audit}/since?searchString={tag}")).Json!["results"]!.AsArray().Count); // 3 MONTHS by default

        // Site administrators only.
        var user = await NewUserAsync();
        (await user.Client.Get(Audit)).ExpectError(HttpStatusCode.Forbidden);
        (await user.Client.PostJson(Audit, Record("Sneaky"))).ExpectError(HttpStatusCode.Forbidden);
        (await user.Client.Get($"{Audit}/export")).ExpectError(HttpStatusCode.Forbidden);
        (await user.Client.Get($"{Audit}/retention")).ExpectError(HttpStatusCode.Forbidden);
        (await user.Client.Get($"{Audit}/since")).ExpectError(HttpStatusCode.Forbidden);
        (await Server.Anonymous().Get(Audit)).ExpectError(HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task Quire_records_its_own_administration()
    {
        var key = SpaceTestSupport.NewKey();
        await Admin.CreateSpaceAsync(key, name: "Audited " + key);
        var created = await SearchAsync("Audited " + key);
        Assert.Contains(created, r => (string?)r["summary"] == "Space created" && (string?)r["category"] == "Spaces"
            && (string?)r["affectedObject"]!["name"] == "Audited " + key && (string?)r["author"]!["accountId"] is { Length: > 0 });

        var member = await NewUserAsync("Audited member " + key);
        Assert.Contains(await SearchAsync("Audited member " + key), r => (string?)r["summary"] == "User created"
            && (string?)r["category"] == "Users and groups");
        var group = "audited-" + key.ToLowerInvariant();
        (await Admin.PostJson("/wiki/rest/api/group", new { name = group })).Expect(HttpStatusCode.Created);
        (await Admin.PostJson($"/wiki/rest/api/group/user?name={group}", new { accountId = member.AccountId })).Expect(HttpStatusCode.Created);
        var groupEvents = await SearchAsync(group);
        Assert.Contains(groupEvents, r => (string?)r["summary"] == "Group created" && (string?)r["category"] == "Users and groups");
        Assert.Contains(groupEvents, r => (string?)r["summary"] == "User added to group"
            && (string?)r["affectedObject"]!["name"] == "Audited member " + key);

        (await Admin.PostJson($"/wiki/rest/api/space/{key}/permission", new
        {
            subject = new { type = "user", identifier = member.AccountId }, operation = new { key = "read", target = "space" },
        })).Expect(HttpStatusCode.OK);
        var permission = (await SearchAsync("Audited " + key)).First(r => (string?)r["summary"] == "Space permission added");
        Assert.Equal("Permissions", (string?)permission["category"]);
        Assert.Equal("read space", (string?)permission["changedValues"]![0]!["newValue"]);
        Assert.Equal("Audited member " + key, (string?)permission["associatedObjects"]![0]!["name"]);
        // The caller's address (the in-process test server has none, so here only the field is checked).
        Assert.NotNull((string?)permission["remoteAddress"]);

        (await Admin.PostJson("/wiki/rest/api/template", new
        {
            name = "Audited template " + key, templateType = "page", body = new { storage = new { value = "<p/>", representation = "storage" } },
        })).Expect(HttpStatusCode.OK);
        Assert.Contains(await SearchAsync("Audited template " + key), r => (string?)r["summary"] == "Page template created");

        // Global permissions (through the admin endpoint) and content restrictions.
        (await Admin.Call(HttpMethod.Put, $"/wiki/rest/api/admin/permissions/create_space/group/{group}")).Expect(HttpStatusCode.OK);
        Assert.Contains(await SearchAsync(group), r => (string?)r["summary"] == "Global permission added"
            && (string?)r["changedValues"]![0]!["newValue"] == "create_space");
        var page = (string)(await Admin.CreatePageAsync(key, "Audited page " + key))["id"]!;
        var me = (string)(await Admin.Get("/wiki/rest/api/user/current")).Json!["accountId"]!;
        await Admin.RestrictAsync(page, Entry("read", [me]));
        Assert.Contains(await SearchAsync("Audited page " + key), r => (string?)r["summary"] == "Content restrictions changed");
    }

    [SkippableFact]
    public async Task Retention_is_one_year_at_most_and_expired_records_go()
    {
        var initial = (await Admin.Get($"{Audit}/retention")).Expect(HttpStatusCode.OK).Json!;
        Assert.Equal(1, (int)initial["number"]!);
        Assert.Equal("YEARS", (string?)initial["units"]);
        (await Admin.PutJson($"{Audit}/retention", new { number = 13, units = "MONTHS" })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"{Audit}/retention", new { number = 1, units = "FOREVER" })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"{Audit}/retention", new { number = 0, units = "DAYS" })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PutJson($"{Audit}/retention", new { number = 3, units = "FORTNIGHTS" })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.SendRaw(HttpMethod.Put, $"{Audit}/retention", "{\"number\": \"many\"}")).ExpectError(HttpStatusCode.BadRequest);

        var tag = Unique();
        (await Admin.PostJson(Audit, Record("Kept " + tag, creationDate: DateTimeOffset.UtcNow.AddDays(-20).ToUnixTimeMilliseconds()))).Expect(HttpStatusCode.OK);
        Assert.Single(await SearchAsync(tag));
        try
        {
            var set = (await Admin.PutJson($"{Audit}/retention", new { number = 2, units = "WEEKS" })).Expect(HttpStatusCode.OK).Json!;
            Assert.Equal(("WEEKS", 2), ((string?)set["units"], (int)set["number"]!));
            Assert.Empty(await SearchAsync(tag)); // older than two weeks: not returned...
            (await Admin.PostJson(Audit, Record("Fresh " + tag))).Expect(HttpStatusCode.OK);
            Assert.Equal(0, await Server.CountAsync("SELECT COUNT(*) FROM audit_records WHERE summary = @s", new { s = "Kept " + tag })); // ...and deleted
        }
        finally
        {
            (await Admin.PutJson($"{Audit}/retention", new { number = 1, units = "YEARS" })).Expect(HttpStatusCode.OK);
        }
    }

    [SkippableFact]
    public async Task Export_is_csv_or_a_zip_of_it_without_formulas()
    {
        var tag = Unique();
        (await Admin.PostJson(Audit, Record("=HYPERLINK(\"http://evil\") " + tag, description: "line one\nline \"two\", with comma"))).Expect(HttpStatusCode.OK);
        var csv = await Admin.GetAsync($"{Audit}/export?searchString={tag}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("\"Date\",\"Author\"", lines[0]);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\") " + tag + "\"", text); // quoted, quotes doubled, formula defused
        Assert.Contains("\"line one\nline \"\"two\"\", with comma\"", text);

        var zip = await Admin.GetAsync($"{Audit}/export?format=zip&searchString={tag}");
        Assert.Equal("application/zip", zip.Content.Headers.ContentType?.MediaType);
        using var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        using var reader = new StreamReader(archive.Entries.Single().Open());
        Assert.Equal(text, await reader.ReadToEndAsync());

        (await Admin.Get($"{Audit}/export?format=pdf")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"{Audit}?startDate=yesterday")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"{Audit}/since?number=1&units=FORTNIGHTS")).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.Get($"{Audit}/since?number=-1&units=DAYS")).ExpectError(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await Admin.Get($"{Audit}/since?number=9223372036854775807&units=CENTURIES")).Status);
        (await Admin.PostJson(Audit, new { summary = "no address" })).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.PostJson(Audit, Record(new string('s', 1001)))).ExpectError(HttpStatusCode.BadRequest);
        (await Admin.SendRaw(HttpMethod.Post, Audit, "{\"remoteAddress\": ")).ExpectError(HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuditApiTestsOnSqlite(SqliteServerFixture fixture) : AuditApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class AuditApiTestsOnPostgres(PostgresServerFixture fixture) : AuditApiTests(fixture);
