using Quire.Core.Attachments;
using Quire.Core.Content;
using Quire.Server.ApiV2.Common;
using Quire.Server.Http;
using Quire.Storage.Attachments;
using Quire.Storage.Content;

namespace Quire.Server.ApiV2.Attachment;

/// <summary>
/// Renders a page of attachments as v2 answers them: one query for the files of their versions, one
/// for their containers' types (page or blog post), one for their authors' account ids; never one per item.
/// </summary>
public sealed class V2AttachmentRenderer(AttachmentStore attachments, ContentStore content, V2ContentRenderer contentRenderer, V2Links links)
{
    /// <param name="single">A single answer carries <c>_links.base</c>; a listing's items do not.</param>
    public async Task<IReadOnlyList<V2AttachmentJson>> RenderAsync(
        IReadOnlyList<ContentItem> items, bool includeVersion, bool single, CancellationToken ct)
    {
        if (items.Count == 0) return [];
        var rows = items.Select(i => i.Content).ToList();
        var files = (await attachments.FilesAsync(rows.Select(r => r.Id).Distinct().ToList(), rows.Select(r => r.Version).Distinct().ToList(), ct))
            .ToDictionary(f => (f.ContentId, f.Version));
        var containerTypes = (await content.FindManyAsync(rows.Select(r => r.ContainerId).OfType<long>().Distinct().ToList(), ct))
            .ToDictionary(c => c.Id, c => c.Type);
        var accounts = includeVersion ? await contentRenderer.AccountIdsAsync(rows, ct) : new Dictionary<long, string>();
        return items.Select(item =>
        {
            var row = item.Content;
            var file = files.GetValueOrDefault((row.Id, row.Version));
            var containerType = row.ContainerId is { } on ? containerTypes.GetValueOrDefault(on) : null;
            var webui = ContentWebLinks.Webui(row, item.Space.Key);
            var download = row.ContainerId is { } container ? ContentWebLinks.Download(row, container) : null;
            return new V2AttachmentJson
            {
                Id = Api.Content.ContentRenderer.IdOf(row.Id, ContentRules.Attachment),
                Status = row.Status,
                Title = row.Title,
                CreatedAt = V2Dates.Of(row.CreatedAt),
                PageId = containerType == ContentRules.Page ? V2Links.Id(row.ContainerId!.Value) : null,
                BlogPostId = containerType == ContentRules.BlogPost ? V2Links.Id(row.ContainerId!.Value) : null,
                CustomContentId = ContentRules.IsCustom(containerType) ? V2Links.Id(row.ContainerId!.Value) : null,
                MediaType = file?.MediaType,
                Comment = file?.Comment,
                FileId = AttachmentFileIds.Of(row.Id),
                FileSize = file?.FileSize,
                WebuiLink = webui,
                DownloadLink = download,
                Version = includeVersion ? V2ContentRenderer.VersionOf(row, accounts) : null,
                Links = new V2AttachmentLinks { Webui = webui, Download = download, Base = single ? links.Base : null },
            };
        }).ToList();
    }
}
