using System.Security.Claims;
using Quire.Core.Security;

namespace Quire.Server.Authentication;

/// <summary>
/// The request user for a signed-in <see cref="Caller"/>, however they signed in (a credential scheme, the web session):
/// the account id as the name identifier (what antiforgery binds its tokens to) and the display name.
/// </summary>
public static class CallerPrincipal
{
    public static ClaimsPrincipal Of(Caller caller, string authenticationType) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, caller.User.AccountId), new Claim(ClaimTypes.Name, caller.User.DisplayName)],
            authenticationType));
}
