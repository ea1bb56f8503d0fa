using Quire.Core.Apps;

namespace Quire.Core.Tests.Apps;

public sealed class OperationScopesTests
{
    private static readonly OperationScopes CreateContent = new(
        "createContent", ["write:confluence-content"], ["read:content-details:confluence", "write:content:confluence"], "WRITE");

    private static HashSet<string> Scopes(params string[] scopes) => [.. scopes];

    [Fact]
    public void An_oauth_token_needs_every_classic_scope_or_every_granular_scope()
    {
        Assert.True(CreateContent.AllowsOAuth(Scopes("write:confluence-content")));
        Assert.True(CreateContent.AllowsOAuth(Scopes("read:content-details:confluence", "write:content:confluence", "offline_access")));
        // Half of the granular set, or a mix of the families, is not enough.
        Assert.False(CreateContent.AllowsOAuth(Scopes("write:content:confluence")));
        Assert.False(CreateContent.AllowsOAuth(Scopes("read:content-details:confluence", "read:confluence-content.all")));
        Assert.False(CreateContent.AllowsOAuth(Scopes()));
        // An operation declaring no OAuth scopes is closed to OAuth apps.
        Assert.False(new OperationScopes("x", [], [], "READ").AllowsOAuth(Scopes("write:confluence-content")));
    }

    [Fact]
    public void Connect_scopes_nest_from_read_to_admin()
    {
        Assert.True(CreateContent.AllowsConnect(Scopes("WRITE")));
        Assert.True(CreateContent.AllowsConnect(Scopes("READ", "ADMIN")));
        Assert.True(CreateContent.AllowsConnect(Scopes("DELETE")));
        Assert.False(CreateContent.AllowsConnect(Scopes("READ")));
        Assert.False(CreateContent.AllowsConnect(Scopes("ACT_AS_USER", "ACCESS_EMAIL_ADDRESSES")));
    }

    [Fact]
    public void Inaccessible_operations_and_email_addresses_stand_apart()
    {
        Assert.False(new OperationScopes("audit", ["read:audit-log:confluence"], [], "INACCESSIBLE").AllowsConnect(Scopes("ADMIN")));
        Assert.False(new OperationScopes("none", [], [], null).AllowsConnect(Scopes("ADMIN")));
        var emails = new OperationScopes("getPrivacyUnsafeUserEmail", [], [], "ACCESS_EMAIL_ADDRESSES");
        Assert.False(emails.AllowsConnect(Scopes("ADMIN")));
        Assert.True(emails.AllowsConnect(Scopes("READ", "ACCESS_EMAIL_ADDRESSES")));
    }

    [Fact]
    public void App_access_applies_the_rules_of_its_kind_and_never_allows_unknown_operations()
    {
        var oauth = new AppAccess(AppKind.OAuth, "client", Scopes("write:confluence-content"));
        var connect = new AppAccess(AppKind.Connect, "app", Scopes("write:confluence-content"));
        Assert.True(oauth.Allows(CreateContent));
        Assert.False(connect.Allows(CreateContent));
        Assert.False(oauth.Allows(null));
        Assert.False(new AppAccess(AppKind.Connect, "app", Scopes("ADMIN")).Allows(null));
    }

    [Fact]
    public void A_refusal_names_both_families_when_the_operation_has_both()
    {
        Assert.Equal("write:confluence-content (classic) or read:content-details:confluence write:content:confluence (granular)",
            CreateContent.DescribeOAuth());
        Assert.Equal("read:page:confluence", new OperationScopes("getPages", [], ["read:page:confluence"], "READ").DescribeOAuth());
    }
}
