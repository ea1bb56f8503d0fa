namespace Quire.Server.Web;

/// <summary>
/// Endpoint metadata on every Razor page: the request is a browser's, so its caller comes from the
/// session cookie (<see cref="WebVisitorMiddleware"/>) and its errors are HTML pages, never the API's JSON.
/// </summary>
public sealed class WebPageEndpoint
{
    public static readonly WebPageEndpoint Instance = new();

    public static bool Is(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<WebPageEndpoint>() is not null;
}
