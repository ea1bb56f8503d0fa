namespace Quire.Server.Web;

/// <summary>
/// Endpoint metadata on the few non-page addresses a browser opens from a web page by itself: attachment
/// downloads (links, and images in a rendered body). There a request without credentials is signed in by the
/// web session's cookie (<see cref="Authentication.CredentialAuthenticationHandler"/>), as Confluence's session
/// is. The REST API (<c>/wiki/rest</c>, <c>/wiki/api</c>) never carries it: the cookie does not sign in there.
/// </summary>
public sealed class WebSessionAccepted
{
    public static readonly WebSessionAccepted Instance = new();
}

public static class WebSessionAcceptedEndpoints
{
    public static TBuilder AcceptWebSession<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(WebSessionAccepted.Instance);
}
