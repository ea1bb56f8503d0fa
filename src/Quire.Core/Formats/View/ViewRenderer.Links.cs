using System.Globalization;
using System.Xml.Linq;
using Quire.Core.ContentBody;

namespace Quire.Core.Formats.View;

/// <summary>
/// Links, images and emoticons. A link resolves only through the viewer's resolutions: a page,
/// attachment, user or space the viewer may not see (or that does not exist) shows the text the
/// storage itself carries, with no id or URL.
/// </summary>
public sealed partial class ViewRenderer
{
    private void Link(XElement link)
    {
        var anchor = (string?)link.Attribute(Ac + "anchor");
        var resource = link.Elements().FirstOrDefault(e => e.Name.Namespace == Ri);
        var body = link.Element(Ac + "link-body");
        var plain = link.Element(Ac + "plain-text-link-body")?.Value;
        Action? given = body is not null ? () => Children(body) : plain is { Length: > 0 } ? () => _out.Text(plain) : null;

        switch (resource?.Name.LocalName)
        {
            case "page" or "blog-post":
                var target = PageTarget.From(resource, _context.SpaceKey);
                var page = _context.Resolutions.Page(target);
                var storedTitle = (string?)resource.Attribute(Ri + "content-title") ?? "";
                if (page is null) (given ?? (() => _out.Text(storedTitle)))();
                else PageAnchor(page, anchor, given ?? (() => _out.Text(page.Title)));
                break;
            case "attachment":
                AttachmentLink(resource, given);
                break;
            case "user":
                UserLink(resource, given);
                break;
            case "space":
                var key = (string?)resource.Attribute(Ri + "space-key") ?? "";
                if (_context.Resolutions.SpacesByKeyLower.GetValueOrDefault(key.ToLowerInvariant()) is { } space)
                {
                    _out.Open("a", ("href", ViewUrls.Space(_context.LinkBase, space.Key)), ("data-linked-resource-type", "space"),
                        ("data-linked-resource-default-alias", space.Name));
                    (given ?? (() => _out.Text(space.Name)))();
                    _out.Close("a");
                }
                else (given ?? (() => _out.Text(key)))();
                break;
            case "url":
                var url = (string?)resource.Attribute(Ri + "value") ?? "";
                _out.Open("a", ("href", url));
                (given ?? (() => _out.Text(url)))();
                _out.Close("a");
                break;
            case null when anchor is not null:
                _out.Open("a", ("href", "#" + _headings.IdFor(anchor)));
                (given ?? (() => _out.Text(anchor)))();
                _out.Close("a");
                break;
            default:
                given?.Invoke();
                break;
        }
    }

    /// <summary>A link to a page the viewer may see: its webui URL and the data attributes Confluence sets.</summary>
    private void PageAnchor(ResolvedPage page, string? anchor, Action text)
    {
        var href = ViewUrls.Page(_context.LinkBase, page) + (anchor is null ? "" : "#" + HeadingIds.IdOn(page.Title, anchor));
        _out.Open("a", ("href", href), ("data-linked-resource-id", Id(page.Id)),
            ("data-linked-resource-version", page.Version.ToString(CultureInfo.InvariantCulture)),
            ("data-linked-resource-type", page.Type), ("data-linked-resource-default-alias", page.Title));
        text();
        _out.Close("a");
    }

    private void AttachmentLink(XElement resource, Action? given)
    {
        var name = (string?)resource.Attribute(Ri + "filename") ?? "";
        var file = _context.Resolutions.Attachment(new AttachmentTarget(PageTarget.Inside(resource, _context.SpaceKey), name.ToLowerInvariant()), _context.ContentId);
        if (file is null)
        {
            (given ?? (() => _out.Text(name)))();
            return;
        }
        _out.Open("a", ("href", ViewUrls.Download(_context.LinkBase, file)), ("data-linked-resource-id", Id(file.Id)),
            ("data-linked-resource-version", file.Version.ToString(CultureInfo.InvariantCulture)), ("data-linked-resource-type", "attachment"),
            ("data-linked-resource-default-alias", file.FileName), ("data-linked-resource-content-type", file.MediaType),
            ("data-linked-resource-container-id", Id(file.ContainerId)));
        (given ?? (() => _out.Text(file.FileName)))();
        _out.Close("a");
    }

    /// <summary>A mention: the user's display name linking to their profile, or "Unknown User" where users are not resolved.</summary>
    private void UserLink(XElement resource, Action? given)
    {
        var account = (string?)resource.Attribute(Ri + "account-id") ?? "";
        var user = _context.ResolveUsers ? _context.Resolutions.Users.GetValueOrDefault(account) : null;
        if (user is null)
        {
            _out.Element("span", $"Unknown User ({account})", ("class", "unknown-user"), ("data-account-id", account));
            return;
        }
        _out.Open("a", ("href", ViewUrls.Person(_context.LinkBase, user.AccountId)), ("class", "confluence-userlink user-mention"),
            ("data-account-id", user.AccountId), ("data-linked-resource-type", "userinfo"), ("data-base-url", _context.LinkBase));
        (given ?? (() => _out.Text(user.DisplayName)))();
        _out.Close("a");
    }

    /// <summary>An image: an attachment's download URL (and an embedded item), or an external URL the policy accepts.</summary>
    private void Image(XElement image)
    {
        var width = Number4((string?)image.Attribute(Ac + "width"));
        var height = Number4((string?)image.Attribute(Ac + "height"));
        var alt = (string?)image.Attribute(Ac + "alt") ?? "";
        var title = (string?)image.Attribute(Ac + "title");
        var bordered = string.Equals((string?)image.Attribute(Ac + "border"), "true", StringComparison.OrdinalIgnoreCase)
            ? " confluence-content-image-border" : "";
        var wrapper = width is null && height is null ? "confluence-embedded-file-wrapper" : "confluence-embedded-file-wrapper confluence-embedded-manual-size";
        if (image.Element(Ri + "attachment") is { } attachment)
        {
            var name = (string?)attachment.Attribute(Ri + "filename") ?? "";
            var file = _context.Resolutions.Attachment(new AttachmentTarget(PageTarget.Inside(attachment, _context.SpaceKey), name.ToLowerInvariant()), _context.ContentId);
            if (file is null) return;
            var src = ViewUrls.Download(_context.LinkBase, file);
            _embedded.Add(new EmbeddedItem(file.Id, "attachment"));
            _out.Open("span", ("class", wrapper)).Open("img", ("class", "confluence-embedded-image" + bordered), ("alt", alt), ("title", title),
                ("width", width), ("height", height), ("src", src), ("data-image-src", src), ("data-linked-resource-id", Id(file.Id)),
                ("data-linked-resource-version", file.Version.ToString(CultureInfo.InvariantCulture)), ("data-linked-resource-type", "attachment"),
                ("data-linked-resource-default-alias", file.FileName), ("data-base-url", _context.LinkBase),
                ("data-linked-resource-content-type", file.MediaType), ("data-linked-resource-container-id", Id(file.ContainerId))).Close("span");
            return;
        }
        var url = (string?)image.Element(Ri + "url")?.Attribute(Ri + "value");
        // data-image-src is not a URL attribute to the sanitizer: the URL is checked here.
        if (url is null || !HtmlPolicy.IsSafeUrl(url)) return;
        _out.Open("span", ("class", wrapper)).Open("img", ("class", "confluence-embedded-image confluence-external-resource" + bordered),
            ("alt", alt), ("title", title), ("width", width), ("height", height), ("src", url), ("data-image-src", url)).Close("span");
    }

    /// <summary>Confluence's own emoticons as their images; an emoji as the character its fallback names.</summary>
    private void Emoticon(XElement emoticon)
    {
        var name = ((string?)emoticon.Attribute(Ac + "name") ?? "").ToLowerInvariant();
        var fallback = (string?)emoticon.Attribute(Ac + "emoji-fallback");
        if (Emoticons.Contains(name) || fallback is null)
        {
            if (!IsToken(name)) return;
            _out.Open("img", ("class", $"emoticon emoticon-{name}"), ("data-emoticon-name", name),
                ("src", $"{_context.LinkBase}/images/icons/emoticons/{name}.svg"), ("alt", $"({name.Replace('-', ' ')})"));
            return;
        }
        _out.Element("span", fallback, ("class", "emoji"), ("data-emoji-shortname", (string?)emoticon.Attribute(Ac + "emoji-shortname")),
            ("data-emoji-id", (string?)emoticon.Attribute(Ac + "emoji-id")));
    }

    /// <summary>The emoticons of Confluence's own set, which it shows as images.</summary>
    private static readonly HashSet<string> Emoticons =
    [
        "smile", "sad", "cheeky", "laugh", "wink", "thumbs-up", "thumbs-down", "information", "tick", "cross", "warning",
        "plus", "minus", "question", "light-on", "light-off", "yellow-star", "red-star", "green-star", "blue-star", "heart", "broken-heart",
    ];

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string? Number4(string? value) => int.TryParse(value, out var n) && n is > 0 and <= 10_000 ? n.ToString(CultureInfo.InvariantCulture) : null;
}
