using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.ConnectApps;

/// <summary>
/// <c>POST /oauth2/token</c> with a body Kestrel cannot read (a malformed chunk: BadHttpRequestException while
/// the form is read) answers OAuth's error shape with 400, as the OAuth token endpoint does, never a 500 or
/// the v1 error body. Measured on the real server process over a raw socket, since the in-memory test host
/// is no Kestrel; nothing reaches the database, so this runs on SQLite only.
/// </summary>
public sealed class ImpersonationTokenBodyTests : RawSocketServerTest
{
    [Fact]
    public async Task A_form_body_kestrel_cannot_read_is_an_oauth_invalid_request()
    {
        var request = "POST /oauth2/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
                      "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\ngrant\r\nzz\r\n";
        var text = await ExchangeAsync(request);

        Assert.StartsWith("HTTP/1.1 400", text);
        var body = text[(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        var start = body.IndexOf('{');
        Assert.True(start >= 0, text);
        var json = JsonNode.Parse(body[start..(body.LastIndexOf('}') + 1)])!;
        Assert.Equal("invalid_request", (string?)json["error"]);
        Assert.NotNull(json["error_description"]);
        Assert.Null(json["statusCode"]);
    }
}
