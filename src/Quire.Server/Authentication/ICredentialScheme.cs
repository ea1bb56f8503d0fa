using Quire.Core.Security;

namespace Quire.Server.Authentication;

/// <summary>
/// One way a request proves who it is (HTTP Basic, an OAuth access token, a Connect app's JWT), chosen
/// by the scheme of its <c>Authorization</c> header. Register each as a singleton
/// <see cref="ICredentialScheme"/>; <see cref="CredentialAuthenticationHandler"/> asks those of the
/// header's scheme in registration order, and the first that recognizes the credential decides. A scheme
/// takes the request's services from <see cref="HttpContext.RequestServices"/> only when it checks a
/// credential, so a request builds the services of the one scheme its header names, not of them all.
/// </summary>
public interface ICredentialScheme
{
    /// <summary>The <c>Authorization</c> scheme it reads (<c>Basic</c>, <c>Bearer</c>, <c>JWT</c>), compared ignoring case.</summary>
    string Scheme { get; }

    /// <summary>
    /// A query parameter that carries the credential of a request without an <c>Authorization</c>
    /// header (Connect's <c>jwt</c>, for URLs a browser opens); null when the scheme has none.
    /// </summary>
    string? QueryParameter => null;

    /// <summary>The <c>WWW-Authenticate</c> value of a 401 answer to a credential of this scheme that failed.</summary>
    string Challenge => $"{Scheme} realm=\"Quire\"";

    /// <summary>Checks the credential (the header's value after the scheme, or the query parameter's value).</summary>
    ValueTask<CredentialResult> AuthenticateAsync(string credential, HttpContext context);
}

/// <summary>What a credential scheme made of a credential.</summary>
public readonly record struct CredentialResult
{
    private CredentialResult(bool recognized, Caller? caller, Exception? failure) =>
        (Recognized, Caller, Failure) = (recognized, caller, failure);

    /// <summary>False when the credential is not of this scheme's kind (another scheme of the same name may take it: two kinds of Bearer token).</summary>
    public bool Recognized { get; }

    /// <summary>Who the request acts as, when the credential holds.</summary>
    public Caller? Caller { get; }

    /// <summary>Why it does not hold: its message is the 401's (a <see cref="SignInThrottledException"/> answers 429).</summary>
    public Exception? Failure { get; }

    public static CredentialResult SignedIn(Caller caller) => new(true, caller, null);

    public static CredentialResult Refused(string message) => new(true, null, new UnauthorizedAccessException(message));

    public static CredentialResult Refused(Exception failure) => new(true, null, failure);

    public static readonly CredentialResult NotMine = new(false, null, null);
}
