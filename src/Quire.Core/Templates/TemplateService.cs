using Quire.Core.Audit;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Labels;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Storage;
using Quire.Storage.Labels;
using Quire.Storage.Spaces;
using Quire.Storage.Templates;

namespace Quire.Core.Templates;

/// <summary>A template as the API sends it (ContentTemplateCreate / ContentTemplateUpdate).</summary>
public sealed record TemplateInput(
    string? TemplateId, string? Name, string? TemplateType, string? BodyStorage, string? BodyRepresentation, bool BodyGiven,
    string? Description, IReadOnlyList<NewLabel?>? Labels, string? SpaceKey);

/// <summary>A template with its space (null for a global one) and labels.</summary>
public sealed record TemplateView(TemplateRecord Template, SpaceRecord? Space, IReadOnlyList<TemplateLabelRecord> Labels);

/// <summary>
/// Content templates, global or of a space. Reading a global template needs only the site;
/// a space template needs 'View' on its space. Creating, changing and removing need 'Admin' on
/// the space, or the site administrator for a global template. The spec answers 403 for a
/// template that does not exist or may not be seen (reads and removal) and 404 for an update
/// of one; a space that may not be read is as missing as one that does not exist.
/// </summary>
public sealed class TemplateService(
    TemplateStore templates, SpaceStore spaces, SpaceAccess spaceAccess, LabelStore labels, DbSession db, TimeProvider time, AuditLog audit)
{
    public const string PageType = "page";
    public const int MaxNameLength = 255;
    public const int MaxCreateDescriptionLength = 255;
    /// <summary>The spec's ContentTemplateUpdate allows 100 characters where ContentTemplateCreate allows 255.</summary>
    public const int MaxUpdateDescriptionLength = 100;

    public async Task<TemplateView> GetAsync(Caller caller, string? templateId, CancellationToken ct = default)
    {
        var template = await FindAsync(templateId, ct) ?? throw NoSuchTemplate(templateId);
        var (visible, space) = await SpaceOfAsync(caller, template, ct);
        if (!visible) throw NoSuchTemplate(templateId);
        return await ViewAsync(template, space, ct);
    }

    /// <summary>The global templates, or those of a space the caller may read (403 otherwise, as the spec says).</summary>
    public async Task<Page<TemplateView>> ListAsync(Caller caller, string? spaceKey, PageRequest page, CancellationToken ct = default)
    {
        var space = await RequireTemplatesReadableAsync(caller, spaceKey, ct);
        var rows = await templates.ListAsync(space?.Id, page.Start, page.FetchCount, ct);
        var found = Page<TemplateRecord>.FromOverfetch(rows, page);
        var labelsOf = (await templates.LabelsAsync(found.Results.Select(t => t.Id).ToList(), ct)).ToLookup(l => l.TemplateId);
        return new Page<TemplateView>(found.Results.Select(t => new TemplateView(t, space, labelsOf[t.Id].ToList())).ToList(), page, found.HasMore);
    }

    /// <summary>The space whose templates are asked for, if the caller may read it (403 otherwise); null for the global ones.</summary>
    public async Task<SpaceRecord?> RequireTemplatesReadableAsync(Caller caller, string? spaceKey, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(spaceKey)
            ? null
            : await spaces.FindReadableByKeyAsync(spaceKey.Trim(), SpaceAccess.ViewerOf(caller), ct)
              ?? throw new ForbiddenException($"You may not view the templates of space '{spaceKey}', or it does not exist.");

    public async Task<TemplateView> CreateAsync(Caller caller, TemplateInput input, CancellationToken ct = default)
    {
        var (name, body, description, wanted) = Validate(input, MaxCreateDescriptionLength);
        SpaceRecord? space = null;
        if (input.SpaceKey is not null)
            space = await spaceAccess.AdministrableAsync(caller, input.SpaceKey, ct);
        else if (!caller.IsSiteAdmin)
            throw new ForbiddenException("Only a site administrator may create a global template.");
        var now = time.NowMillis();
        var id = await db.InTransactionAsync(async () =>
        {
            var templateId = await templates.InsertAsync(new TemplateRecord
            {
                SpaceId = space?.Id, Name = name, Description = description, TemplateType = PageType, BodyStorage = body,
                CreatedBy = caller.UserId, CreatedAt = now, UpdatedBy = caller.UserId, UpdatedAt = now,
            }, ct);
            await SetLabelsAsync(templateId, wanted, ct);
            await audit.RecordAsync(caller, TemplateEvent("Page template created", name, space), ct);
            return templateId;
        }, ct);
        return await ViewAsync((await templates.FindAsync(id, ct))!, space, ct);
    }

    public async Task<TemplateView> UpdateAsync(Caller caller, TemplateInput input, CancellationToken ct = default)
    {
        var template = await FindAsync(input.TemplateId, ct);
        var (visible, space) = template is null ? (false, null) : await SpaceOfAsync(caller, template, ct);
        if (template is null || !visible) throw new NotFoundException($"No template with id '{input.TemplateId}' was found.");
        var (name, body, description, wanted) = Validate(input, MaxUpdateDescriptionLength);
        // The body names the template's space ("set this to the current space.key"); a template does not move.
        if (!string.Equals(input.SpaceKey?.Trim(), space?.Key, StringComparison.OrdinalIgnoreCase))
            throw new BadRequestException(space is null
                ? "This is a global template: send no space."
                : $"This template belongs to space '{space.Key}': send space.key '{space.Key}'.");
        await RequireAdministerAsync(caller, space, ct);
        var updated = new TemplateRecord
        {
            Id = template.Id, SpaceId = template.SpaceId, Name = name, Description = description, TemplateType = PageType, BodyStorage = body,
            CreatedBy = template.CreatedBy, CreatedAt = template.CreatedAt, UpdatedBy = caller.UserId, UpdatedAt = time.NowMillis(),
        };
        await db.InTransactionAsync(async () =>
        {
            await templates.UpdateAsync(updated, ct);
            await SetLabelsAsync(template.Id, wanted, ct);
            await audit.RecordAsync(caller, TemplateEvent("Page template updated", name, space), ct);
        }, ct);
        return await ViewAsync(updated, space, ct);
    }

    public async Task DeleteAsync(Caller caller, string? templateId, CancellationToken ct = default)
    {
        var template = await FindAsync(templateId, ct) ?? throw NoSuchTemplate(templateId);
        var (visible, space) = await SpaceOfAsync(caller, template, ct);
        if (!visible) throw NoSuchTemplate(templateId);
        await RequireAdministerAsync(caller, space, ct);
        await db.InTransactionAsync(async () =>
        {
            await templates.DeleteAsync(template.Id, ct);
            await audit.RecordAsync(caller, TemplateEvent("Page template deleted", template.Name, space), ct);
        }, ct);
    }

    private static AuditEvent TemplateEvent(string summary, string name, SpaceRecord? space) =>
        new(summary, AuditCategories.PageTemplates, new AuditObject(name, "Template"),
            space is null ? [] : [new AuditObject(space.Name, "Space")]);

    private static (string Name, string Body, string Description, IReadOnlyList<(string Prefix, string Name)> Labels) Validate(
        TemplateInput input, int maxDescription)
    {
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name)) throw new BadRequestException("A template needs a name.");
        if (name.Length > MaxNameLength) throw new BadRequestException($"A template name must be at most {MaxNameLength} characters.");
        if (input.TemplateType is not PageType) throw new BadRequestException("templateType must be 'page'.");
        if (!input.BodyGiven) throw new BadRequestException("A template needs a body: send body.storage with representation 'storage'.");
        var body = ContentRules.StorageBody(input.BodyStorage ?? "", input.BodyRepresentation);
        var description = input.Description ?? "";
        if (description.Length > maxDescription)
            throw new BadRequestException($"A template description must be at most {maxDescription} characters.");
        var wanted = input.Labels is null ? [] : LabelRules.Validate(input.Labels);
        if (wanted.Any(l => l.Prefix == LabelRules.MyPrefix))
            throw new BadRequestException("Template labels are shared: use the global or team prefix, not my.");
        return (name, body, description, wanted);
    }

    private async Task SetLabelsAsync(long templateId, IReadOnlyList<(string Prefix, string Name)> wanted, CancellationToken ct)
    {
        var ids = new List<long>();
        foreach (var (prefix, name) in wanted) ids.Add(await labels.EnsureAsync(prefix, name, 0, ct));
        await templates.SetLabelsAsync(templateId, ids, ct);
    }

    private async Task RequireAdministerAsync(Caller caller, SpaceRecord? space, CancellationToken ct)
    {
        if (space is null)
        {
            if (!caller.IsSiteAdmin) throw new ForbiddenException("Only a site administrator may change a global template.");
            return;
        }
        await spaceAccess.RequireAsync(caller, space, SpaceOperation.Administer, ct);
    }

    /// <summary>Whether the caller may see the template, and its space (none for a global template, which every user sees).</summary>
    private async Task<(bool Visible, SpaceRecord? Space)> SpaceOfAsync(Caller caller, TemplateRecord template, CancellationToken ct)
    {
        if (template.SpaceId is not { } spaceId) return (true, null);
        var space = await spaces.FindByIdAsync(spaceId, ct);
        var readable = space is null ? null : await spaces.FindReadableByKeyAsync(space.Key, SpaceAccess.ViewerOf(caller), ct);
        return (readable is not null, readable);
    }

    private async Task<TemplateView> ViewAsync(TemplateRecord template, SpaceRecord? space, CancellationToken ct) =>
        new(template, space, await templates.LabelsAsync([template.Id], ct));

    private Task<TemplateRecord?> FindAsync(string? templateId, CancellationToken ct) =>
        long.TryParse(templateId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0
            ? templates.FindAsync(id, ct)
            : Task.FromResult<TemplateRecord?>(null);

    private static ForbiddenException NoSuchTemplate(string? templateId) =>
        new($"There is no template with id '{templateId}', or you may not see it.");
}
