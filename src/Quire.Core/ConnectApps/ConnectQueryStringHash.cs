using System.Security.Cryptography;
using System.Text;

namespace Quire.Core.ConnectApps;

/// <summary>
/// Connect's query string hash (the JWT claim <c>qsh</c>): the hex SHA-256 of the canonical request
/// <c>METHOD&amp;path&amp;query</c>, which binds a token to one method, path and query. No JWT library
/// knows it, so it is written here, following Atlassian's "Understanding JWT for Connect apps":
/// <list type="bullet">
/// <item>the method in upper case;</item>
/// <item>the path relative to the base URL of whoever receives the request (the site's <c>/wiki</c>
/// context for Quire, the descriptor's baseUrl for an app), never empty (<c>/</c>), without a trailing
/// <c>/</c>, with <c>&amp;</c> percent-encoded;</item>
/// <item>the query parameters but <c>jwt</c>, each name and value decoded then percent-encoded as RFC 3986
/// says (unreserved characters alone stay as they are: a space is <c>%20</c>, <c>*</c> is <c>%2A</c>,
/// <c>~</c> stays), sorted by encoded name, a repeated parameter's encoded values sorted and joined
/// with <c>,</c>, pairs joined with <c>&amp;</c>.</item>
/// </list>
/// </summary>
public static class ConnectQueryStringHash
{
    /// <summary>The qsh of a context JWT, which names no request: Atlassian refuses it on its REST API, and so does Quire.</summary>
    public const string ContextQsh = "context-qsh";

    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The request's path as sent (percent-encoded), without the query.</param>
    /// <param name="basePath">The receiver's context path (<c>/wiki</c>, or an app's baseUrl path), removed from the front of <paramref name="path"/>.</param>
    /// <param name="query">The raw query string, with or without its leading <c>?</c>.</param>
    public static string Compute(string method, string path, string basePath, string? query) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalRequest(method, path, basePath, query))));

    public static string CanonicalRequest(string method, string path, string basePath, string? query) =>
        $"{method.ToUpperInvariant()}&{CanonicalPath(path, basePath)}&{CanonicalQuery(query)}";

    public static string CanonicalPath(string path, string basePath)
    {
        var context = basePath.TrimEnd('/');
        if (context.Length > 0 && path.StartsWith(context, StringComparison.Ordinal) &&
            (path.Length == context.Length || path[context.Length] == '/'))
            path = path[context.Length..];
        if (path.Length > 1 && path.EndsWith('/')) path = path[..^1];
        if (path.Length == 0) path = "/";
        path = path.Replace("&", "%26", StringComparison.Ordinal);
        return path.StartsWith('/') ? path : "/" + path;
    }

    public static string CanonicalQuery(string? query)
    {
        if (string.IsNullOrEmpty(query)) return "";
        if (query[0] == '?') query = query[1..];
        var parameters = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            if (name == "jwt") continue;
            var value = equals < 0 ? "" : Decode(pair[(equals + 1)..]);
            var encodedName = Encode(name);
            if (!parameters.TryGetValue(encodedName, out var values)) parameters[encodedName] = values = [];
            values.Add(Encode(value));
        }
        return string.Join('&', parameters.Select(p =>
        {
            p.Value.Sort(StringComparer.Ordinal);
            return p.Key + "=" + string.Join(',', p.Value);
        }));
    }

    /// <summary>Form decoding, as servers read query parameters: <c>+</c> is a space; a malformed escape stays as written.</summary>
    private static string Decode(string value)
    {
        value = value.Replace('+', ' ');
        try
        {
            return Uri.UnescapeDataString(value);
        }
        catch (UriFormatException)
        {
            return value;
        }
    }

    /// <summary>RFC 3986 percent-encoding of the UTF-8 bytes: only <c>A-Z a-z 0-9 - . _ ~</c> stay as they are, escapes in upper case.</summary>
    public static string Encode(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9'
                or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
                text.Append((char)b);
            else
                text.Append('%').Append(Convert.ToHexString([b]));
        }
        return text.ToString();
    }
}
