using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.Conformance;

/// <summary>
/// Sends hostile values to every parameter of every operation the server routes, and
/// broken JSON to every operation that takes a body, of v1 and v2: each answer must be a
/// deliberate one (never a 5xx), and every 4xx must carry the error body of its API version.
/// </summary>
public abstract class HostileInputTests(ServerFixture fixture) : ApiTest(fixture)
{
    private static readonly string[] HostileValues =
    [
        "'; DROP TABLE users; --", "\0", "%", "_", "../../etc/passwd", "<script>alert(1)</script>", "-1",
        "99999999999999999999999", new string('a', 5000), "\u202e\ud83d\ude00", " ",
    ];

    private static readonly string[] BrokenBodies =
    [
        "{", "[]", "null", "\"text\"", "{\"key\": {\"nested\": [1, 2, {\"x\": }]}}", "{\"value\": \"\0\"}",
        "{\"name\": 12, \"key\": true, \"value\": [], \"version\": \"one\"}",
    ];

    [SkippableFact]
    public async Task No_hostile_parameter_or_body_yields_a_server_error()
    {
        var routed = SpecDocument.V1.Value.Operations.Concat(SpecDocument.V2.Value.Operations).Where(o => Routed.Contains(o)).ToList();
        Assert.NotEmpty(routed);
        var failures = new List<string>();

        foreach (var operation in routed)
        {
            var query = (operation.Node["parameters"]?.AsArray() ?? [])
                .Select(p => Resolve(operation, p!))
                .Where(p => (string?)p["in"] == "query")
                .Select(p => (string)p["name"]!)
                .ToList();

            foreach (var value in HostileValues)
            {
                var url = Url(operation, value, query);
                var response = await Send(operation.Method, url, operation.Node["requestBody"] is null ? null : "{}");
                Check(operation, url, response, failures);
            }

            if (operation.Node["requestBody"] is null) continue;
            foreach (var body in BrokenBodies)
            {
                var url = Url(operation, "K" + Unique().ToUpperInvariant(), []);
                var response = await Send(operation.Method, url, body);
                Check(operation, url, response, failures);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
    }

    private static HashSet<SpecDocument.Operation> Routed => RoutedOperations.Value;

    private static readonly Lazy<HashSet<SpecDocument.Operation>> RoutedOperations = new(() =>
        SpecDocument.V1.Value.Operations.Where(o => !SpecConformanceTests.Unrouted.Value.Contains(o))
            .Concat(SpecDocument.V2.Value.Operations.Where(o => !SpecConformanceTests.UnroutedV2.Value.Contains(o))).ToHashSet());

    private static string Url(SpecDocument.Operation operation, string value, IReadOnlyList<string> query)
    {
        var escaped = Uri.EscapeDataString(value);
        // The in-memory test server refuses a NUL in the path before the app sees it
        // (Kestrel answers such a request 400 itself), so NUL goes into query values only.
        var pathValue = value.Contains('\0') ? "nul" : escaped;
        var path = System.Text.RegularExpressions.Regex.Replace(operation.PathTemplate, @"\{[^}]+\}", pathValue);
        return query.Count == 0 ? path : path + "?" + string.Join("&", query.Select(q => $"{q}={escaped}"));
    }

    private async Task<ApiResponse> Send(string method, string url, string? body) =>
        body is null
            ? await Admin.Call(new HttpMethod(method), url)
            : await Admin.SendRaw(new HttpMethod(method), url, body);

    private static void Check(SpecDocument.Operation operation, string url, ApiResponse response, List<string> failures)
    {
        var status = (int)response.Status;
        if (status >= 500)
            failures.Add($"{operation}: {status} for {Shorten(url)}: {Shorten(response.Body)}");
        else if (status >= 400 && url.StartsWith(SpecDocument.V2Base + "/", StringComparison.Ordinal)
                 ? (int?)response.Json?["errors"]?[0]?["status"] != status || response.Json?["errors"]?[0]?["title"] is null
                 : status >= 400 && (response.Json?["statusCode"] is null || response.Json["message"] is null))
            failures.Add($"{operation}: {status} without the error body of its API for {Shorten(url)}: {Shorten(response.Body)}");
    }

    private static JsonNode Resolve(SpecDocument.Operation operation, JsonNode parameter) =>
        parameter["$ref"] is { } reference
            ? SpecDocument.For(operation.PathTemplate).Root["components"]!["parameters"]![((string)reference!).Split('/')[^1]]!
            : parameter;

    private static string Shorten(string s) => s.Length <= 200 ? s : s[..200] + "...";
}

[Collection(SqliteCollection.Name)]
public sealed class HostileInputTestsOnSqlite(SqliteServerFixture fixture) : HostileInputTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class HostileInputTestsOnPostgres(PostgresServerFixture fixture) : HostileInputTests(fixture);
