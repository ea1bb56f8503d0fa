using System.Security.Claims;
using Quire.Core.Security;
using Quire.Server.Authentication;
using Quire.Storage.Users;

namespace Quire.Api.Tests.Security;

/// <summary>
/// The one request user the credential handler and the web interface both build: antiforgery binds its tokens to the
/// name identifier, so it must be the account id, the same whichever way the person signed in.
/// </summary>
public sealed class CallerPrincipalTests
{
    [Fact]
    public void The_principal_names_the_account_and_is_authenticated_by_the_given_type()
    {
        var caller = new Caller(
            new UserRecord { Id = 7, AccountId = "acc-7", UserName = "seven", Email = "seven@example.test", DisplayName = "Seven <b>" },
            new HashSet<string>(), isSiteAdmin: false);
        var fromHeader = CallerPrincipal.Of(caller, "Basic");
        var fromSession = CallerPrincipal.Of(caller, Quire.Server.Web.WebVisitorMiddleware.SessionAuthenticationType);

        Assert.True(fromHeader.Identity!.IsAuthenticated);
        Assert.Equal("Basic", fromHeader.Identity.AuthenticationType);
        Assert.Equal(Quire.Server.Web.WebVisitorMiddleware.SessionAuthenticationType, fromSession.Identity!.AuthenticationType);
        foreach (var principal in new[] { fromHeader, fromSession })
        {
            Assert.Equal("acc-7", principal.FindFirstValue(ClaimTypes.NameIdentifier));
            Assert.Equal("Seven <b>", principal.FindFirstValue(ClaimTypes.Name));
        }
    }
}
