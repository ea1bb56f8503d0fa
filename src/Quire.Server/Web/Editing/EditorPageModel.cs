using Microsoft.AspNetCore.Mvc;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Formats.Markdown;

namespace Quire.Server.Web.Editing;

/// <summary>
/// What the Markdown editor's pages share: the form's fields (bound on post), the message of a refused
/// save, and the conflict view. A refused save (bad input, a stale version) answers the form again with
/// the person's text in it, so nothing typed is lost.
/// </summary>
public abstract class EditorPageModel : WebPageModel
{
    /// <summary>The longest Markdown the editor takes; the request size limit bounds it too, this says so clearly.</summary>
    public const int MaxMarkdownLength = 2 * 1024 * 1024;

    protected override bool NeedsSignedInUser => true;

    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public string? VersionMessage { get; set; }
    /// <summary>The version the person started from; the save makes the next one, or meets a conflict.</summary>
    [BindProperty] public int BaseVersion { get; set; }
    /// <summary>Which button sent the form: <see cref="DraftIntent"/> for the draft button, anything else for the main one.</summary>
    [BindProperty] public string? Intent { get; set; }

    public const string DraftIntent = "draft";

    public abstract string Heading { get; }
    public abstract string SubmitLabel { get; }
    public abstract string CancelUrl { get; }
    public virtual bool AsksVersionMessage => false;
    /// <summary>The label of a second button that keeps the text as a draft (only the author sees it), or null for none.</summary>
    public virtual string? DraftLabel => null;
    protected bool SavesDraft => Intent == DraftIntent && DraftLabel is not null;
    /// <summary>
    /// Whether Enter in a field saves a draft rather than the main button's action: on a draft's editor publishing
    /// is public and cannot be undone, so it takes a click on its own button.
    /// </summary>
    public virtual bool DraftIsDefault => false;
    public string SpaceKey { get; protected set; } = "";
    public string? ParentTitle { get; protected set; }

    /// <summary>What the last save did, when it came back to the form (a saved draft), shown above it.</summary>
    public string? Notice { get; protected set; }

    /// <summary>Why the last save was refused, shown above the form.</summary>
    public string? Error { get; protected set; }

    /// <summary>Set when someone else saved first: their version and how it differs from the person's text.</summary>
    public EditConflict? Conflict { get; protected set; }

    /// <summary>The Markdown as storage format; 400 (with the form answered again) when it cannot be.</summary>
    protected string StorageOfBody()
    {
        if (Body is { Length: > MaxMarkdownLength })
            throw new BadRequestException($"The text is longer than the {MaxMarkdownLength:N0} characters a page may be edited with here.");
        return MarkdownToStorage.Convert(Body ?? "", HttpContext.RequestAborted);
    }

    /// <summary>The form again with status 400 and the refusal's message; the person's fields are kept as posted.</summary>
    protected IActionResult Refused(QuireException refusal)
    {
        Error = refusal.Message;
        Response.StatusCode = refusal.StatusCode;
        return Page();
    }
}

/// <summary>Someone else's save that came first: its number, author, time and the differences from the person's text.</summary>
public sealed record EditConflict(int TheirVersion, string TheirAuthor, DateTimeOffset TheirTime, TextDiff Differences);
