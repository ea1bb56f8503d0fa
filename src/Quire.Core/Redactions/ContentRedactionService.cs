using System.Globalization;
using System.Text.Json.Nodes;
using Quire.Core.Content;
using Quire.Core.ContentBody;
using Quire.Core.Errors;
using Quire.Core.Formats.Adf;
using Quire.Core.Security;

namespace Quire.Core.Redactions;

/// <summary>A redaction request (confluence.js's postRedactPage/postRedactBlog, Cloud's documented body).</summary>
public sealed record RedactionRequest(
    string? CreatedAt, bool? CleanHistory, int? VersionNumber,
    IReadOnlyList<RedactionPointerInput>? Body, IReadOnlyList<RedactionPointerInput>? Title);

/// <summary>What was redacted, section by section, in the order asked.</summary>
public sealed record RedactionResult(IReadOnlyList<AppliedRedaction> Body, IReadOnlyList<AppliedRedaction> Title);

/// <summary>
/// Redacts text of a current page or blog post: the body's ranges are found in its ADF (what v2 answers for
/// <c>body-format=atlas_doc_format</c>, where clients compute pointers), replaced by a marker, and the result saved as
/// a new version through the same update every edit takes (version check, title rule, search index, webhooks), so
/// v1 and v2 read the redacted body at once. Earlier versions keep the text, as Cloud's do unless history is cleaned:
/// Quire does not rewrite history, so <c>cleanHistory: true</c> is refused rather than silently ignored.
/// Needs edit permission (403); content the caller cannot see answers 404; any bad pointer or range is a 400 and
/// nothing changes.
/// </summary>
public sealed class ContentRedactionService(ContentAccess access, ContentService content, BodyConverter converter)
{
    public async Task<RedactionResult> RedactAsync(Caller caller, string type, string? id, RedactionRequest? request, CancellationToken ct = default)
    {
        var (record, _) = await access.ViewableAsync(caller, id, ct);
        if (record.Type != type || record.Status != ContentRules.Current)
            throw new NotFoundException($"No current {type} with id '{id}' was found.");
        await access.RequireEditAsync(caller, record, ct);

        if (request is null) throw new BadRequestException("The request body must name the redactions to make.");
        if (string.IsNullOrWhiteSpace(request.CreatedAt) ||
            !DateTimeOffset.TryParse(request.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            throw new BadRequestException("createdAt is required: when the redaction was asked for, as an ISO-8601 date and time.");
        if (request.CleanHistory == true)
            throw new BadRequestException("cleanHistory is not supported: Quire keeps earlier versions as they were; the redaction is a new version.");
        if (request.VersionNumber is { } asked && asked != record.Version)
            throw new ConflictException($"The redaction was made against version {asked}; the {type} is at version {record.Version}. Read it again.");
        var bodyInputs = request.Body ?? [];
        var titleInputs = request.Title ?? [];
        if (bodyInputs.Count + titleInputs.Count == 0) throw new BadRequestException("Name at least one redaction in body or title.");

        var (title, titleRedactions) = titleInputs.Count == 0
            ? (record.Title, (IReadOnlyList<AppliedRedaction>)[])
            : TextRedactions.RedactTitle(record.Title, titleInputs);
        BodyInput? body = null;
        IReadOnlyList<AppliedRedaction> bodyRedactions = [];
        if (bodyInputs.Count > 0)
        {
            var adf = (await converter.FromStorageAsync(
                [new BodyToRender(record.Id, record.Version, record.BodyStorage, "")], BodyRepresentations.AtlasDocFormat, caller, ct))[0].Value;
            var document = AdfJson.ParseDocument(adf);
            bodyRedactions = TextRedactions.RedactDocument(document, bodyInputs);
            body = new BodyInput(document.ToJsonString(AdfJson.Output), BodyRepresentations.AtlasDocFormat);
        }
        // The update checks the version again inside its transaction: an edit that lands after this read is a 409.
        await content.UpdateAsync(caller, id, new ContentChanges(record.Version + 1, "Redacted", false, type, title, ContentRules.Current, null, body), ct);
        return new RedactionResult(bodyRedactions, titleRedactions);
    }
}
