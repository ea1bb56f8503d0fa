using Quire.Core.Errors;
using Quire.Core.Security;
using Quire.Storage;
using Quire.Storage.Classification;

namespace Quire.Core.Classification;

/// <summary>
/// What a level is made of; on an update a null member keeps what the level has (an empty
/// description or guideline removes it).
/// </summary>
public sealed record ClassificationLevelInput(string? Name, string? Description, string? Guideline, string? Color, string? Status, int? Order);

/// <summary>
/// The site's classification levels. In Cloud an organization admin defines them in Atlassian
/// Administration; Quire has no organization, so its site administrators do (a null caller is the
/// command line, which acts as the system). Everyone signed in may read the published ones. Levels
/// are archived, never deleted; archiving one clears the space and site defaults that name it,
/// and content that carries it keeps it.
/// </summary>
public sealed class ClassificationLevelService(DbSession db, ClassificationLevelStore store, TimeProvider time)
{
    /// <summary>The levels content can be given now, in their order.</summary>
    public Task<IReadOnlyList<ClassificationLevelRecord>> PublishedAsync(CancellationToken ct = default) =>
        store.ListAsync(ClassificationLevelRules.Published, ct);

    /// <summary>Every level, whatever its status (site admins).</summary>
    public async Task<IReadOnlyList<ClassificationLevelRecord>> ListAsync(Caller? caller, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        return await store.ListAsync(null, ct);
    }

    public async Task<ClassificationLevelRecord> GetAsync(Caller? caller, long id, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        return await store.FindAsync(id, ct) ?? throw NotFound(id);
    }

    /// <summary>A new level: published unless asked to be a draft, placed after the others unless given an order.</summary>
    public async Task<ClassificationLevelRecord> CreateAsync(Caller? caller, ClassificationLevelInput input, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        var name = ClassificationLevelRules.Name(input.Name);
        var color = ClassificationLevelRules.Color(input.Color);
        var status = input.Status is null ? ClassificationLevelRules.Published : ClassificationLevelRules.Status(input.Status);
        if (status == ClassificationLevelRules.Archived) throw new BadRequestException("A level is created as a draft or published, not archived.");
        var (description, guideline) = (ClassificationLevelRules.Text(input.Description, "description"), ClassificationLevelRules.Text(input.Guideline, "guideline"));
        var now = time.NowMillis();
        var id = await db.InTransactionAsync(async () => await store.InsertAsync(new ClassificationLevelRecord
        {
            Name = name, Description = description, Guideline = guideline, Color = color, Status = status,
            Position = input.Order ?? await store.NextPositionAsync(ct), CreatedAt = now, UpdatedAt = now,
        }, ct), ct) ?? throw DuplicateName(name);
        return await store.FindAsync(id, ct) ?? throw NotFound(id);
    }

    /// <summary>Changes what the input gives; archiving clears the defaults that name the level, in the same transaction.</summary>
    public async Task<ClassificationLevelRecord> UpdateAsync(Caller? caller, long id, ClassificationLevelInput input, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        var name = input.Name is null ? null : ClassificationLevelRules.Name(input.Name);
        var color = input.Color is null ? null : ClassificationLevelRules.Color(input.Color);
        var status = input.Status is null ? null : ClassificationLevelRules.Status(input.Status);
        var description = input.Description is null ? null : ClassificationLevelRules.Text(input.Description, "description");
        var guideline = input.Guideline is null ? null : ClassificationLevelRules.Text(input.Guideline, "guideline");
        await db.InTransactionAsync(async () =>
        {
            var level = await store.FindAsync(id, ct) ?? throw NotFound(id);
            ClassificationLevelRules.RequireTransition(level.Status, status ?? level.Status);
            var changed = new ClassificationLevelRecord
            {
                Id = id, Name = name ?? level.Name, Color = color ?? level.Color, Status = status ?? level.Status,
                Description = input.Description is null ? level.Description : description,
                Guideline = input.Guideline is null ? level.Guideline : guideline,
                Position = input.Order ?? level.Position, CreatedAt = level.CreatedAt, UpdatedAt = time.NowMillis(),
            };
            if (!await store.UpdateAsync(changed, ct)) throw DuplicateName(changed.Name);
            if (changed.Status != ClassificationLevelRules.Published)
            {
                await store.ClearSpaceDefaultsAsync(id, ct);
                await store.ClearSiteDefaultIfAsync(id, ct);
            }
        }, ct);
        return await store.FindAsync(id, ct) ?? throw NotFound(id);
    }

    /// <summary>The level unpublished content can no longer be given; what carries it keeps it.</summary>
    public Task<ClassificationLevelRecord> ArchiveAsync(Caller? caller, long id, CancellationToken ct = default) =>
        UpdateAsync(caller, id, new ClassificationLevelInput(null, null, null, null, ClassificationLevelRules.Archived, null), ct);

    /// <summary>The level unclassified content in spaces without a default has (Cloud's organization-wide default); null when none.</summary>
    public async Task<ClassificationLevelRecord?> SiteDefaultAsync(Caller? caller, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        return await store.SiteDefaultAsync(ct);
    }

    /// <summary>Makes a published level the site's default (400 for another status or an unknown level).</summary>
    public async Task<ClassificationLevelRecord> SetSiteDefaultAsync(Caller? caller, long id, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        if (!await db.InTransactionAsync(() => store.SetSiteDefaultAsync(id, ct), ct))
            throw new BadRequestException($"There is no published classification level with id '{id}'.");
        return await store.FindAsync(id, ct) ?? throw NotFound(id);
    }

    public async Task ClearSiteDefaultAsync(Caller? caller, CancellationToken ct = default)
    {
        RequireAdmin(caller);
        await store.ClearSiteDefaultAsync(ct);
    }

    private static void RequireAdmin(Caller? caller)
    {
        if (caller is not null && !caller.IsSiteAdmin) throw new ForbiddenException("Only site administrators can define classification levels.");
    }

    private static NotFoundException NotFound(long id) => new($"No classification level with id '{id}' was found.");

    private static BadRequestException DuplicateName(string name) => new($"A classification level named '{name}' already exists.");
}
