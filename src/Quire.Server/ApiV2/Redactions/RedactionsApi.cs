using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Redactions;
using Quire.Core.Security;
using Quire.Server.ApiV2.Common;

namespace Quire.Server.ApiV2.Redactions;

/// <summary>
/// confluence.js's <c>redactions</c> calls (newer than the 2025 spec): redact text of a page's or blog post's body and
/// title (<see cref="ContentRedactionService"/>). The answer is confluence.js's <c>RedactionResponse</c>: per section,
/// each redaction in the order asked, with its id (ranges merged into one share it).
/// </summary>
public static class RedactionsApi
{
    public static RouteGroupBuilder MapRedactionsApi(this RouteGroupBuilder v2)
    {
        v2.MapPost("/pages/{id}/redact", PostRedactPage);
        v2.MapPost("/blogposts/{id}/redact", PostRedactBlog);
        return v2;
    }

    private static Task<RedactionResponseJson> PostRedactPage(
        string id, RedactionRequestBody? body, Caller caller, ContentRedactionService redactions, CancellationToken ct) =>
        RedactAsync(ContentRules.Page, id, body, caller, redactions, ct);

    private static Task<RedactionResponseJson> PostRedactBlog(
        string id, RedactionRequestBody? body, Caller caller, ContentRedactionService redactions, CancellationToken ct) =>
        RedactAsync(ContentRules.BlogPost, id, body, caller, redactions, ct);

    private static async Task<RedactionResponseJson> RedactAsync(
        string type, string id, RedactionRequestBody? body, Caller caller, ContentRedactionService redactions, CancellationToken ct)
    {
        V2Ids.Parse(id, "id");
        var request = body is null ? null : new RedactionRequest(body.CreatedAt, body.CleanHistory, body.VersionNumber,
            body.Body?.Redactions?.Select(Pointer).ToList(), body.Title?.Redactions?.Select(Pointer).ToList());
        var result = await redactions.RedactAsync(caller, type, id, request, ct);
        return new RedactionResponseJson(Section(result.Body), Section(result.Title));
    }

    private static RedactionPointerInput Pointer(RedactionPointerBody? pointer) =>
        pointer is null ? throw new BadRequestException("Every redaction must be an object {pointer, from, to, reason}.")
            : new RedactionPointerInput(pointer.Pointer, pointer.From, pointer.To, pointer.Reason);

    private static RedactionSectionJson? Section(IReadOnlyList<AppliedRedaction> applied) =>
        applied.Count == 0 ? null
            : new RedactionSectionJson(applied.Select(a => new RedactionPointerResponseJson(a.Pointer, a.From, a.To, a.Reason, a.RedactionId)).ToList());
}

/// <summary>The body Cloud documents for redact: createdAt, cleanHistory, versionNumber, and the body's and title's redactions.</summary>
public sealed record RedactionRequestBody(
    string? CreatedAt, bool? CleanHistory, int? VersionNumber, RedactionSectionBody? Body, RedactionSectionBody? Title);

public sealed record RedactionSectionBody(IReadOnlyList<RedactionPointerBody?>? Redactions);

public sealed record RedactionPointerBody(string? Pointer, int? From, int? To, string? Reason);

public sealed record RedactionResponseJson(RedactionSectionJson? Body, RedactionSectionJson? Title);

public sealed record RedactionSectionJson(IReadOnlyList<RedactionPointerResponseJson> Redactions);

public sealed record RedactionPointerResponseJson(string Pointer, int From, int To, string? Reason, string RedactionId);
