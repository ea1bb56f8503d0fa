using System.Globalization;
using System.Text;
using Quire.Core.Errors;

namespace Quire.Server.Api.Search;

/// <summary>
/// The opaque <c>cursor</c> of the search operations' <c>next</c>/<c>prev</c> links. It holds the
/// offset of the page it points to: searches have no stable key to resume from (relevance
/// ties, ordering by any field), and an offset is what Confluence's own start parameter is.
/// </summary>
public static class SearchCursor
{
    private const string Prefix = "quire:";

    public static string Of(int start) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + start.ToString(CultureInfo.InvariantCulture)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The offset a cursor points at; a cursor this server did not write is a 400.</summary>
    public static int Parse(string cursor)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            if (text.StartsWith(Prefix, StringComparison.Ordinal) &&
                int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var start))
                return start;
        }
        catch (FormatException)
        {
        }
        throw new BadRequestException($"The cursor '{cursor}' is not one this server returned.");
    }
}
