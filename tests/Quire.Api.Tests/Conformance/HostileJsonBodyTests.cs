using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.Conformance;

/// <summary>
/// JSON that no endpoint may store (issue 12, item 5): a lone surrogate escape, bytes that are not
/// UTF-8, a NUL, a key named twice. Sent to every POST and PUT route of the server's own route table
/// (so a new endpoint is covered without being listed here): every route that takes a JSON body
/// answers 400 with Confluence's error body, and no route answers a 5xx. Before the general check,
/// properties, restrictions, archive, hierarchy copy, attachment properties and look and feel
/// answered 500 to some of them, on PostgreSQL above all.
/// </summary>
public abstract partial class HostileJsonBodyTests(ServerFixture fixture) : ApiTest(fixture)
{
    private const string Keys = "key,value,title,name,type,id,status,representation,accountId,label,prefix,operation,spaceKey,description";

    /// <summary>A body whose every usual field holds <paramref name="raw"/> (already JSON-escaped), as bytes.</summary>
    private static byte[] Fields(byte[] raw)
    {
        var body = new List<byte>((byte)'{');
        foreach (var key in Keys.Split(','))
        {
            if (body.Count > 1) body.Add((byte)',');
            body.AddRange(Encoding.ASCII.GetBytes($"\"{key}\":\""));
            body.AddRange(raw);
            body.Add((byte)'"');
        }
        body.AddRange(Encoding.ASCII.GetBytes(""","version":{"number":2},"body":{"storage":{"value":"x","representation":"storage"}}}"""));
        return [.. body];
    }

    public static readonly (string Name, byte[] Body)[] Hostile =
    [
        ("lone high surrogate", Fields(Encoding.ASCII.GetBytes("""a\ud800b"""))),
        ("lone low surrogate", Fields(Encoding.ASCII.GetBytes("""\udc00"""))),
        ("invalid UTF-8", Fields([0x61, 0xC3, 0x28, 0xFF, 0xFE, 0x62])),
        ("NUL", Fields(Encoding.ASCII.GetBytes("""x\u0000y"""))),
        ("duplicate keys", Encoding.ASCII.GetBytes("""{"key":"a","key":"b","value":{"x":1,"x":2},"name":"n","name":"m","title":"t","title":"u"}""")),
        ("duplicate keys in an array", Encoding.ASCII.GetBytes("""[{"name":"a","name":"b"}]""")),
    ];

    [SkippableFact]
    public async Task Every_JSON_route_answers_400_to_hostile_JSON_and_no_route_a_server_error()
    {
        var endpoints = Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Where(m => m is "POST" or "PUT")
                .Select(m => (Method: m, Route: "/" + e.RoutePattern.RawText!.TrimStart('/'),
                    TakesJson: e.Metadata.GetOrderedMetadata<IAcceptsMetadata>().Any(a => a.ContentTypes.Any(c => c.Contains("json", StringComparison.OrdinalIgnoreCase))))))
            .Distinct().OrderBy(e => e.Route).ThenBy(e => e.Method).ToList();
        Assert.True(endpoints.Count(e => e.TakesJson) > 40, $"only {endpoints.Count(e => e.TakesJson)} routes take JSON: the route table was not read");

        var failures = new List<string>();
        foreach (var (method, route, takesJson) in endpoints)
        {
            var url = Parameter().Replace(route, "1");
            foreach (var (name, body) in Hostile)
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                var response = await Admin.Call(new HttpMethod(method), url, content, xsrfHeader: true);
                var status = (int)response.Status;
                if (status >= 500 || (takesJson && status != 400))
                    failures.Add($"{method} {route}, {name}: {status} {Shorten(response.Body)}");
                // v1's error body carries statusCode, v2's an errors array (ErrorMessage reads either).
                else if (takesJson && ((response.Json?["statusCode"] ?? response.Json?["errors"]) is null || !(response.ErrorMessage ?? "").Contains("not valid")))
                    failures.Add($"{method} {route}, {name}: 400 without the error body naming the problem: {Shorten(response.Body)}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
    }

    private static string Shorten(string s) => s.Length <= 200 ? s : s[..200] + "...";

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}

[Collection(SqliteCollection.Name)]
public sealed class HostileJsonBodyTestsOnSqlite(SqliteServerFixture fixture) : HostileJsonBodyTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class HostileJsonBodyTestsOnPostgres(PostgresServerFixture fixture) : HostileJsonBodyTests(fixture);
