using Quire.Core.ConnectApps;
using Quire.Core.Errors;

namespace Quire.Core.Tests.ConnectApps;

/// <summary>Connect's canonical request (qsh), its JWTs and the descriptor's rules, apart from any server.</summary>
public class ConnectRulesTests
{
    [Fact]
    public void The_canonical_request_is_atlassians_example()
    {
        // The example of Atlassian's specification: repeated parameters joined with ',', names sorted, spaces as %20.
        Assert.Equal("GET&/path/to/service&first=param&repeated=parameter%201,parameter%202&zee_last=param",
            ConnectQueryStringHash.CanonicalRequest("get", "/path/to/service", "",
                "zee_last=param&repeated=parameter+1&first=param&repeated=parameter%202"));
    }

    [Theory]
    [InlineData("/wiki/rest/api/content", "/wiki", "/rest/api/content")]
    [InlineData("/wiki/rest/api/content/", "/wiki", "/rest/api/content")]
    [InlineData("/wiki", "/wiki", "/")]
    [InlineData("/wikipedia/x", "/wiki", "/wikipedia/x")]
    [InlineData("/a&b", "", "/a%26b")]
    [InlineData("", "", "/")]
    public void The_canonical_path_is_relative_to_the_context_without_a_trailing_slash(string path, string context, string expected) =>
        Assert.Equal(expected, ConnectQueryStringHash.CanonicalPath(path, context));

    [Theory]
    [InlineData("jwt=abc&b=2&a=1", "a=1&b=2")]
    [InlineData("?x=*~&y=a%2Cb", "x=%2A~&y=a%2Cb")]
    [InlineData("k=b&k=a&K=c", "K=c&k=a,b")]
    [InlineData("flag&e=", "e=&flag=")]
    [InlineData("name=%C3%A9t%C3%A9", "name=%C3%A9t%C3%A9")]
    [InlineData("", "")]
    public void The_canonical_query_drops_jwt_sorts_and_encodes_as_rfc_3986(string query, string expected) =>
        Assert.Equal(expected, ConnectQueryStringHash.CanonicalQuery(query));

    [Fact]
    public void The_hash_is_the_hex_sha256_of_the_canonical_request()
    {
        // SHA-256 of "GET&/rest/api/space&limit=1".
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("GET&/rest/api/space&limit=1"u8));
        Assert.Equal(expected, ConnectQueryStringHash.Compute("GET", "/wiki/rest/api/space", "/wiki", "?limit=1&jwt=x"));
    }

    [Fact]
    public async Task A_token_quire_writes_for_an_app_validates_with_the_secret_and_carries_the_requests_hash()
    {
        var now = DateTimeOffset.UtcNow;
        var secret = new string('s', 40);
        var token = ConnectJwt.ForApp("client-1", secret, "POST", new Uri("http://app.test/base/hooks/page?b=2&a=1"), "http://app.test/base", now);
        Assert.Null(await ConnectJwt.ValidateAsync(token, secret, now));
        Assert.NotNull(await ConnectJwt.ValidateAsync(token, new string('x', 40), now));
        Assert.NotNull(await ConnectJwt.ValidateAsync(token, secret, now + ConnectJwt.Lifetime + TimeSpan.FromMinutes(1)));
        var read = ConnectJwt.ReadUnverified(token)!;
        Assert.Equal("client-1", read.Issuer);
        Assert.Equal(ConnectQueryStringHash.Compute("POST", "/hooks/page", "", "a=1&b=2"), read.GetPayloadValue<string>("qsh"));
    }

    [Fact]
    public void A_descriptor_lists_every_problem_in_one_answer()
    {
        var error = Assert.Throws<BadRequestException>(() => ConnectDescriptorReader.Read("""
            {"key": "bad key!", "baseUrl": "ftp://x", "authentication": {"type": "none"}, "scopes": ["read", "fly"],
             "modules": {"webItems": [{"key": "a"}, {"key": "a"}], "webhooks": [{"event": "page_created"}]}}
            """));
        foreach (var part in new[] { "key 'bad key!'", "baseUrl", "authentication.type", "lifecycle.installed", "\"fly\"", "'a' is used twice", "webhooks" })
            Assert.Contains(part, error.Message);
    }

    [Fact]
    public void A_valid_descriptor_is_read_with_its_scopes_webhooks_and_module_keys()
    {
        var descriptor = ConnectDescriptorReader.Read("""
            {"key": "my-app", "name": "My app", "baseUrl": "https://app.test/", "authentication": {"type": "jwt"},
             "lifecycle": {"installed": "/installed", "uninstalled": "/uninstalled"}, "scopes": ["read", "act_as_user"],
             "modules": {"webhooks": [{"event": "page_created", "url": "/hook", "excludeBody": true}],
                         "adminPages": [{"key": "admin-page", "url": "/admin"}], "postInstallPage": {"url": "/start"}}}
            """);
        Assert.Equal("https://app.test", descriptor.BaseUrl);
        Assert.Equal(["ACT_AS_USER", "READ"], descriptor.Scopes.Order());
        Assert.True(descriptor.ActsAsUser);
        Assert.Equal(new ConnectWebhookModule("page_created", "/hook", true, null), Assert.Single(descriptor.Webhooks));
        Assert.Equal(["admin-page"], descriptor.ModuleKeys);
        Assert.Equal("/installed", descriptor.Lifecycle.Installed);
        Assert.Null(descriptor.Lifecycle.Enabled);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{")]
    [InlineData("\"text\"")]
    public void What_is_not_a_json_object_is_refused(string json) =>
        Assert.Throws<BadRequestException>(() => ConnectDescriptorReader.Read(json));
}
