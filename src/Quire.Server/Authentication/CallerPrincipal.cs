using System.Security.Claims;
using Quire.Core.Security;

namespace Quire.Server.Authentication;

/// <summary>
/// The request user for a signed-in <see cref="Caller"/>, however they signed in (a credential scheme, the web session):
/// the account id as the name identifier (what antiforgery binds its tokens to) and the display name.
/// </summary>
public static class CallerPrincipal
{
    /// <summary>
    /// The principal of <paramref name="caller"/>, made once per caller and authentication type: a signed-in caller is
    /// reused from request to request while nothing about it changes (SignInService), and nothing in the pipeline changes
    /// a principal once made (the web visitor replaces the request's user rather than adding to it).
    /// </summary>
    public static ClaimsPrincipal Of(Caller caller, string authenticationType)
    {
        if (Principals.TryGetValue(caller, out var made) && made.Identity?.AuthenticationType == authenticationType) return made;
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, caller.User.AccountId), new Claim(ClaimTypes.Name, caller.User.DisplayName)],
            authenticationType));
        Principals.AddOrUpdate(caller, principal);
        return principal;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Caller, ClaimsPrincipal> Principals = new();
}
