namespace Quire.Core.Formats.Wiki;

/// <summary>
/// Links (<c>[target]</c>, <c>[text|target]</c>) and images (<c>!target|params!</c>) in storage:
/// a URL becomes <c>a href</c> or <c>ri:url</c>; anything else names Confluence content,
/// <c>SPACE:Page Title#anchor^file.pdf</c>, <c>~user</c>, which becomes <c>ac:link</c>/<c>ac:image</c>
/// holding <c>ri:page</c>, <c>ri:attachment</c>, <c>ri:user</c> or <c>ri:space</c>.
/// </summary>
internal sealed class LinkWriter(WikiConverter converter)
{
    private static readonly string[] UrlSchemes =
        ["http://", "https://", "ftp://", "ftps://", "sftp://", "file://", "mailto:", "news:", "nntp://", "irc://", "telnet://", "ssh://"];

    /// <summary>The image attributes Confluence stores (<c>ac:width</c>...); others are dropped.</summary>
    private static readonly HashSet<string> ImageAttributes =
        ["align", "border", "class", "title", "thumbnail", "alt", "height", "width", "vspace", "hspace"];

    private StorageBuilder Output => converter.Output;

    public static bool IsUrl(ReadOnlySpan<char> target)
    {
        foreach (var scheme in UrlSchemes)
            if (target.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && target.Length > scheme.Length) return true;
        return false;
    }

    /// <summary>The length of a URL scheme starting <paramref name="target"/>, or 0.</summary>
    public static int SchemeLength(ReadOnlySpan<char> target)
    {
        foreach (var scheme in UrlSchemes)
            if (target.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return scheme.Length;
        return 0;
    }

    /// <summary>
    /// Writes the link whose text between the brackets is [<paramref name="start"/>, <paramref name="end"/>):
    /// <c>alias|target|tip</c>, the alias and tip optional.
    /// </summary>
    public void WriteLink(int start, int end)
    {
        var text = converter.Text;
        var pipe = text.IndexOf('|', start, end - start);
        var (aliasStart, aliasEnd) = pipe < 0 ? (start, start) : converter.Source.Trim(start, pipe);
        var targetStart = pipe < 0 ? start : pipe + 1;
        var tip = text.IndexOf('|', targetStart, end - targetStart);
        var target = text[targetStart..(tip < 0 ? end : tip)].Trim();
        var alias = text[aliasStart..aliasEnd];

        if (IsUrl(target))
        {
            Output.Open("a", start, ("href", target));
            if (aliasStart < aliasEnd) converter.Inline.Parse(aliasStart, aliasEnd);
            else Output.Text(target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? target[7..] : target);
            Output.Close("a");
            return;
        }
        var resource = ContentReference.Parse(target);
        Output.Open("ac:link", start, ("ac:anchor", resource.Anchor));
        WriteResource(resource, start);
        if (alias.Length > 0)
        {
            Output.Open("ac:plain-text-link-body", start);
            Output.CData(alias);
            Output.Close("ac:plain-text-link-body");
        }
        Output.Close("ac:link");
    }

    /// <summary>Writes the image <c>!target|params!</c> whose text between the marks is [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public void WriteImage(int start, int end)
    {
        var text = converter.Text;
        var pipe = text.IndexOf('|', start, end - start);
        var target = text[start..(pipe < 0 ? end : pipe)].Trim();
        var attributes = new List<(string Name, string? Value)>();
        if (pipe >= 0)
        {
            foreach (var part in text[(pipe + 1)..end].Split(','))
            {
                var equals = part.IndexOf('=');
                var name = (equals < 0 ? part : part[..equals]).Trim().ToLowerInvariant();
                var value = equals < 0 ? "true" : part[(equals + 1)..].Trim();
                if (ImageAttributes.Contains(name) && attributes.All(a => a.Name != "ac:" + name)) attributes.Add(("ac:" + name, value));
            }
        }
        Output.Open("ac:image", start, [.. attributes]);
        if (IsUrl(target) || target.StartsWith("//", StringComparison.Ordinal)) Output.Empty("ri:url", start, ("ri:value", target));
        else
        {
            var resource = ContentReference.Parse(target.Contains('^') ? target : "^" + target);
            WriteResource(resource, start);
        }
        Output.Close("ac:image");
    }

    private void WriteResource(ContentReference resource, int at)
    {
        if (resource.User is { } user)
        {
            // Confluence Cloud writes mentions by account id ([~accountid:5b10...]); older markup by username.
            const string AccountId = "accountid:";
            if (user.StartsWith(AccountId, StringComparison.OrdinalIgnoreCase))
                Output.Empty("ri:user", at, ("ri:account-id", user[AccountId.Length..].Trim()));
            else
                Output.Empty("ri:user", at, ("ri:username", user));
        }
        else if (resource.Attachment is { } file)
        {
            if (resource.Title is null && resource.SpaceKey is null)
            {
                Output.Empty("ri:attachment", at, ("ri:filename", file));
                return;
            }
            Output.Open("ri:attachment", at, ("ri:filename", file));
            WritePage(resource, at);
            Output.Close("ri:attachment");
        }
        else
        {
            WritePage(resource, at);
        }
    }

    private void WritePage(ContentReference resource, int at)
    {
        if (resource.Title is not null)
            Output.Empty("ri:page", at, ("ri:space-key", resource.SpaceKey), ("ri:content-title", resource.Title));
        else if (resource.SpaceKey is not null)
            Output.Empty("ri:space", at, ("ri:space-key", resource.SpaceKey));
    }
}

/// <summary>
/// What a link or image names in Confluence: <c>~user</c>, or <c>SPACE:Page Title#anchor^file</c>
/// where every part is optional (<c>#anchor</c> is on this page, <c>^file</c> attached to it).
/// </summary>
internal sealed record ContentReference(string? SpaceKey, string? Title, string? Anchor, string? Attachment, string? User)
{
    public static ContentReference Parse(string target)
    {
        if (target.StartsWith('~')) return new(null, null, null, null, target[1..].Trim());
        string? attachment = null, anchor = null, space = null;
        var caret = target.IndexOf('^');
        if (caret >= 0)
        {
            attachment = NullIfEmpty(target[(caret + 1)..]);
            target = target[..caret];
        }
        var hash = target.IndexOf('#');
        if (hash >= 0)
        {
            anchor = NullIfEmpty(target[(hash + 1)..]);
            target = target[..hash];
        }
        var colon = target.IndexOf(':');
        if (colon > 0 && target[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '~' or '_'))
        {
            space = target[..colon];
            target = target[(colon + 1)..];
        }
        return new(space, NullIfEmpty(target), anchor, attachment, null);
    }

    private static string? NullIfEmpty(string value) => value.Trim() is { Length: > 0 } trimmed ? trimmed : null;
}
