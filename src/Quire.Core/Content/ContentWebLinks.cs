using Quire.Storage.Content;

namespace Quire.Core.Content;

/// <summary>
/// Where a piece of content lives in Confluence's web interface (<c>webui</c>, <c>editui</c>,
/// <c>tinyui</c>), relative to the site's <c>/wiki</c> base: the same addresses in v1's and v2's answers.
/// </summary>
public static class ContentWebLinks
{
    public static string Webui(ContentRecord content, string spaceKey)
    {
        var key = Uri.EscapeDataString(spaceKey);
        var title = Uri.EscapeDataString(content.Title).Replace("%20", "+");
        return content.Type switch
        {
            ContentRules.Attachment when content.ContainerId is { } page =>
                $"/pages/viewpageattachments.action?pageId={page}&preview=%2F{page}%2F{content.Id}%2F{Uri.EscapeDataString(content.Title)}",
            ContentRules.BlogPost when content.PostingDay is { } day => $"/spaces/{key}/blog/{day.Replace('-', '/')}/{content.Id}/{title}",
            ContentRules.Comment when content.ContainerId is { } on => $"/spaces/{key}/pages/{on}?focusedCommentId={content.Id}#comment-{content.Id}",
            // Cloud's addresses of the page tree's other kinds: /spaces/KEY/folder/123, /whiteboard/123, /database/123, /embed/123.
            ContentRules.Folder or ContentRules.Whiteboard or ContentRules.Database or ContentRules.Embed => $"/spaces/{key}/{content.Type}/{content.Id}",
            // Cloud shows custom content at the app's view of it; its address in the site is this one.
            _ when ContentRules.IsCustom(content.Type) => $"/display/{key}/customcontent/{content.Id}",
            _ => $"/spaces/{key}/pages/{content.Id}/{title}",
        };
    }

    /// <summary>The editor's address; comments, attachments, the tree kinds (whose editors Quire does not have) and custom content (edited in its app) have none.</summary>
    public static string? Editui(ContentRecord content) =>
        content.Type is ContentRules.Comment or ContentRules.Attachment || ContentRules.IsTreeKind(content.Type) || ContentRules.IsCustom(content.Type)
            ? null
            : $"/pages/resumedraft.action?draftId={content.Id}";

    /// <summary>An attachment's download address on its page or blog post, served by the attachment download route as Confluence's is.</summary>
    public static string Download(ContentRecord attachment, long containerId) =>
        $"/download/attachments/{containerId}/{Uri.EscapeDataString(attachment.Title)}?version={attachment.Version}" +
        $"&modificationDate={attachment.UpdatedAt}&api=v2";

    public static string Tinyui(long id) => "/x/" + TinyId(id);

    /// <summary>The id a tiny link names (the inverse of <see cref="TinyId"/>); false when it names none.</summary>
    public static bool TryParseTinyId(string? tinyId, out long id)
    {
        id = 0;
        if (string.IsNullOrEmpty(tinyId) || tinyId.Length > 11) return false;
        var base64 = tinyId.Replace('-', '/').Replace('_', '+');
        base64 += new string('=', (4 - base64.Length % 4) % 4);
        var bytes = new byte[8];
        if (!Convert.TryFromBase64String(base64, bytes, out var written) || written is 0 or > 8) return false;
        if (!BitConverter.IsLittleEndian) Array.Reverse(bytes);
        id = BitConverter.ToInt64(bytes);
        return id > 0 && TinyId(id) == tinyId;
    }

    /// <summary>Confluence's tiny link: the id's little-endian bytes in URL-safe base64, without padding or trailing zeros.</summary>
    public static string TinyId(long id)
    {
        var bytes = BitConverter.GetBytes(id);
        if (!BitConverter.IsLittleEndian) Array.Reverse(bytes);
        var length = bytes.Length;
        while (length > 1 && bytes[length - 1] == 0) length--;
        return Convert.ToBase64String(bytes, 0, length).TrimEnd('=').Replace('/', '-').Replace('+', '_');
    }
}
