using System.Text;
using Microsoft.Extensions.Options;
using Quire.Server.Hosting;

namespace Quire.Server.Http;

/// <summary>
/// Builds <c>_links</c> as Confluence does: <c>base</c> is the site's address with the
/// <c>/wiki</c> context, <c>self</c> is absolute, <c>next</c>/<c>prev</c> are relative to
/// <c>base</c> (they start with <c>/rest/api</c>).
/// </summary>
public sealed class ApiLinks(IHttpContextAccessor accessor, IOptions<QuireOptions> options) : Quire.Core.ContentBody.ISiteBaseUrl
{
    public const string Context = "/wiki";
    private readonly string? _configured = Configured(options.Value.BaseUrl);

    /// <summary>The last request origin's base, kept so a link costs no string building while requests come by the same name.</summary>
    private volatile RequestBase? _last;

    private sealed record RequestBase(string Scheme, string? Host, string Base);

    public string Base => _configured ?? RequestBaseOf(accessor.HttpContext);

    /// <summary>An absolute link to an API path given relative to the context, e.g. <c>/rest/api/space/KEY</c>.</summary>
    public string Api(string relativePath) => Base + relativePath;

    /// <summary>The <c>_links</c> every answer object carries: <c>base</c> and <c>context</c>, and <c>self</c> when given.</summary>
    public Dictionary<string, string> Envelope(string? self = null)
    {
        var set = new Dictionary<string, string> { ["base"] = Base, ["context"] = Context };
        if (self is not null) set["self"] = self;
        return set;
    }

    /// <summary>The current request's URL, absolute.</summary>
    public string Self()
    {
        var request = accessor.HttpContext!.Request;
        return Base + WithoutContext(request.Path.Value ?? "") + request.QueryString.Value;
    }

    /// <summary>The current request with <c>start</c> and <c>limit</c> replaced, relative to base.</summary>
    public string PageLink(int start, int limit)
    {
        var request = accessor.HttpContext!.Request;
        var query = new StringBuilder();
        foreach (var (key, values) in request.Query)
        {
            if (key is "start" or "limit") continue;
            foreach (var value in values)
                Append(query, key, value ?? "");
        }
        Append(query, "limit", limit.ToString());
        Append(query, "start", start.ToString());
        return WithoutContext(request.Path.Value ?? "") + "?" + query;
    }

    /// <summary>
    /// The current request pointing at another page by cursor (search): <c>start</c>, <c>limit</c>,
    /// <c>cursor</c>, <c>next</c> and <c>prev</c> replaced by <paramref name="extra"/>, relative to base.
    /// </summary>
    public string CursorLink(int limit, string cursor, params (string Key, string Value)[] extra)
    {
        var request = accessor.HttpContext!.Request;
        var query = new StringBuilder();
        foreach (var (key, values) in request.Query)
        {
            if (key is "start" or "limit" or "cursor" or "next" or "prev") continue;
            foreach (var value in values)
                Append(query, key, value ?? "");
        }
        foreach (var (key, value) in extra) Append(query, key, value);
        Append(query, "limit", limit.ToString());
        Append(query, "cursor", cursor);
        return WithoutContext(request.Path.Value ?? "") + "?" + query;
    }

    private static void Append(StringBuilder query, string key, string value)
    {
        if (query.Length > 0) query.Append('&');
        query.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
    }

    private static string WithoutContext(string path) =>
        path.StartsWith(Context + "/", StringComparison.Ordinal) ? path[Context.Length..] : path;

    /// <summary>Without a configured base, the request's own origin; work no request started (the command line) gets the fallback.</summary>
    private string RequestBaseOf(HttpContext? context)
    {
        if (context is null) return ConfiguredSiteBaseUrl.Fallback;
        var request = context.Request;
        var (scheme, host) = (request.Scheme, request.Host.Value);
        if (_last is { } last && string.Equals(last.Host, host, StringComparison.Ordinal) && string.Equals(last.Scheme, scheme, StringComparison.Ordinal))
            return last.Base;
        var built = $"{scheme}://{request.Host}{Context}";
        _last = new RequestBase(scheme, host, built);
        return built;
    }

    /// <summary><c>Quire:BaseUrl</c> with <c>/wiki</c>, or null when it is not set.</summary>
    public static string? Configured(string? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(baseUrl)) return null;
        var trimmed = baseUrl.TrimEnd('/');
        return trimmed.EndsWith(Context, StringComparison.Ordinal) ? trimmed : trimmed + Context;
    }
}

/// <summary>
/// The site's base where no request gives one (the command line): <c>Quire:BaseUrl</c>, or the
/// server's default address. Set <c>Quire:BaseUrl</c> so that links written by background work
/// (webhook payloads' <c>self</c>) name the site's public address.
/// </summary>
public sealed class ConfiguredSiteBaseUrl(IOptions<QuireOptions> options) : Quire.Core.ContentBody.ISiteBaseUrl
{
    public const string Fallback = "http://localhost:8090" + ApiLinks.Context;

    public string Base { get; } = ApiLinks.Configured(options.Value.BaseUrl) ?? Fallback;
}
