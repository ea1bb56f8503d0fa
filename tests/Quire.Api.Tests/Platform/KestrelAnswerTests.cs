using System.Text;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.Platform;

/// <summary>
/// Kestrel answers some requests itself, before the application sees them, with an empty body: a
/// <c>%00</c> in the path (400), a URL over its limit (414), headers too large (431). Those answers
/// carry Confluence's error body too (issue 12, item 5), and nothing else on the connection changes.
/// Measured on the real server process over raw sockets, since the in-memory test host is no Kestrel.
/// The engine does not matter here (nothing reaches the database), so this runs on SQLite only.
/// </summary>
public sealed class KestrelAnswerTests : RawSocketServerTest
{
    private static (int Status, Dictionary<string, string> Headers, string Body, string Remainder) ParseOne(string text)
    {
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(end > 0, $"no complete response in: {text}");
        var lines = text[..end].Split("\r\n");
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var bodyBytes = Encoding.UTF8.GetBytes(text[(end + 4)..]);
        if (headers.GetValueOrDefault("Transfer-Encoding") == "chunked")
        {
            var decoded = new MemoryStream();
            var at = 0;
            while (true)
            {
                var lineEnd = Array.IndexOf(bodyBytes, (byte)'\r', at);
                var size = Convert.ToInt32(Encoding.ASCII.GetString(bodyBytes, at, lineEnd - at), 16);
                at = lineEnd + 2;
                if (size == 0) { at += 2; break; }
                decoded.Write(bodyBytes, at, size);
                at += size + 2;
            }
            return (int.Parse(lines[0].Split(' ')[1]), headers, Encoding.UTF8.GetString(decoded.ToArray()), Encoding.UTF8.GetString(bodyBytes[at..]));
        }
        var length = int.Parse(headers.GetValueOrDefault("Content-Length", "0"));
        var body = Encoding.UTF8.GetString(bodyBytes, 0, Math.Min(length, bodyBytes.Length));
        return (int.Parse(lines[0].Split(' ')[1]), headers, body, Encoding.UTF8.GetString(bodyBytes[Math.Min(length, bodyBytes.Length)..]));
    }

    private static void AssertErrorBody(int status, Dictionary<string, string> headers, string body)
    {
        Assert.StartsWith("application/json", headers["Content-Type"]);
        var json = JsonNode.Parse(body)!;
        Assert.Equal(status, (int)json["statusCode"]!);
        Assert.False((bool)json["data"]!["successful"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)json["message"]));
        Assert.NotNull(json["reason"]);
    }

    [Fact]
    public async Task A_NUL_in_the_path_answers_400_with_the_error_body()
    {
        var (status, headers, body, _) = ParseOne(await ExchangeAsync("GET /wiki/rest/api/content/%00 HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        Assert.Equal(400, status);
        AssertErrorBody(400, headers, body);
    }

    [Fact]
    public async Task An_over_long_url_answers_414_and_over_large_headers_431_with_the_error_body()
    {
        var (status, headers, body, _) = ParseOne(await ExchangeAsync($"GET /wiki/rest/api/content?x={new string('a', 20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        Assert.Equal(414, status);
        AssertErrorBody(414, headers, body);

        (status, headers, body, _) = ParseOne(await ExchangeAsync($"GET /status HTTP/1.1\r\nHost: localhost\r\nX-Big: {new string('b', 40_000)}\r\n\r\n"));
        Assert.Equal(431, status);
        AssertErrorBody(431, headers, body);
    }

    [Fact]
    public async Task Earlier_answers_on_the_same_connection_are_left_as_they_were()
    {
        // Two good requests (one answered by the application with a JSON 401), then a bad one, pipelined on one connection.
        var text = await ExchangeAsync(
            "GET /status HTTP/1.1\r\nHost: localhost\r\n\r\n" +
            "GET /wiki/rest/api/user/current HTTP/1.1\r\nHost: localhost\r\n\r\n" +
            "GET /wiki/rest/api/content/%00 HTTP/1.1\r\nHost: localhost\r\n\r\n");
        var (status, headers, body, rest) = ParseOne(text);
        Assert.Equal(200, status);
        Assert.Equal("RUNNING", (string?)JsonNode.Parse(body)!["state"]);
        (status, headers, body, rest) = ParseOne(rest);
        Assert.Equal(401, status);
        AssertErrorBody(401, headers, body);
        Assert.Contains("authentication", body);
        (status, headers, body, rest) = ParseOne(rest);
        Assert.Equal(400, status);
        AssertErrorBody(400, headers, body);
        Assert.Equal("", rest);
    }
}
