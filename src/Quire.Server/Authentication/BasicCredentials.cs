using System.Text;
using Quire.Core.Security;

namespace Quire.Server.Authentication;

/// <summary>HTTP Basic, as Confluence Cloud takes it: <c>email:api-token</c> (or a user name, or a password).</summary>
public sealed class BasicCredentials : ICredentialScheme
{
    public string Scheme => "Basic";

    public async ValueTask<CredentialResult> AuthenticateAsync(string credential, HttpContext context)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(credential));
        }
        catch (FormatException)
        {
            return CredentialResult.Refused("The Basic credentials are not valid base64.");
        }
        var colon = decoded.IndexOf(':');
        if (colon <= 0) return CredentialResult.Refused("The Basic credentials must be 'email:token'.");
        // No login or secret holds a NUL, and PostgreSQL cannot even compare text with one.
        if (decoded.Contains('\0')) return CredentialResult.Refused("The Basic credentials must not contain NUL characters.");

        var signIn = context.RequestServices.GetRequiredService<SignInService>();
        var result = await signIn.SignInAsync(
            decoded[..colon], decoded[(colon + 1)..], ClientAddress.KeyOf(context.Connection.RemoteIpAddress), context.RequestAborted);
        if (result.RetryAfter is { } wait) return CredentialResult.Refused(new SignInThrottledException(wait));
        return result.Caller is { } caller
            ? CredentialResult.SignedIn(caller)
            : CredentialResult.Refused("Wrong email, user name, API token or password.");
    }
}
