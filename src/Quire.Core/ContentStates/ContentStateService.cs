using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Quire.Core.Content;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Core.Spaces;
using Quire.Storage;
using Quire.Storage.Content;
using Quire.Storage.ContentStates;
using Quire.Storage.Spaces;

namespace Quire.Core.ContentStates;

/// <summary>The state asked for: a default or custom state's id, or a name and colour (id wins when both are given).</summary>
public sealed record ContentStateInput(long? Id, string? Name, string? Color);

/// <summary>A content's state: null when none is placed, with the time it was placed.</summary>
public sealed record ContentStateView(ContentStateRecord? State, long? LastUpdated);

/// <summary>The result of a bulk change, kept for its requester (ContentStateBulkSetTaskUpdate).</summary>
public sealed record BulkStateResult(IReadOnlyList<string> Set, IReadOnlyList<BulkStateFailure> Failed, ContentStateRecord? State);

public sealed record BulkStateFailure(string ContentId, string FailureReason);

/// <summary>
/// Content states: the lozenge on a page's published version (status current) or on its draft.
/// Placing or removing one on the published version saves a new minor version with the same
/// body, as the spec says; on a draft it changes only the draft. States are the three default
/// space states (every space has them; Quire keeps no per-space state settings, so all kinds
/// are allowed everywhere) or the caller's own custom states, reused by name and colour.
/// </summary>
public sealed partial class ContentStateService(
    ContentStateStore states, ContentAccess access, ContentService contents, ContentStore contentStore, SpaceAccess spaces,
    DbSession db, TimeProvider time)
{
    public const int MaxNameLength = 20;
    public const int MaxBulk = 300;

    public static readonly IReadOnlyList<ContentStateRecord> SpaceStates =
    [
        new() { Id = 0, Name = "Rough draft", Color = "#ffc400" },
        new() { Id = 1, Name = "In progress", Color = "#2684ff" },
        new() { Id = 2, Name = "Ready for review", Color = "#57d9a3" },
    ];

    public async Task<ContentStateView> GetAsync(Caller caller, string? id, string? status, CancellationToken ct = default)
    {
        var wanted = Status(status, "current", ["current", "draft", "archived"]);
        var (content, _) = await access.ViewableAsync(caller, id, ct);
        var placed = await states.PlacedAsync(content.Id, wanted == "archived" ? "current" : wanted, ct);
        return placed is null ? new ContentStateView(null, null)
            : new ContentStateView(new ContentStateRecord { Id = placed.StateId, Name = placed.Name, Color = placed.Color }, placed.UpdatedAt);
    }

    public async Task<ContentStateView> SetAsync(Caller caller, string? id, string? status, ContentStateInput input, CancellationToken ct = default)
    {
        var target = Status(status, "current", ["current", "draft"]);
        var (content, _) = await EditableAsync(caller, id, ct);
        var state = await ResolveAsync(caller, input, ct);
        // The state this call placed, not a read after the commit, which could show a later set's.
        return new ContentStateView(state, await PlaceAsync(caller, content, target, state, ct));
    }

    public async Task<ContentStateView> RemoveAsync(Caller caller, string? id, string? status, CancellationToken ct = default)
    {
        var target = Status(status, "current", ["current", "draft"]);
        var (content, _) = await EditableAsync(caller, id, ct);
        await PlaceAsync(caller, content, target, null, ct);
        return new ContentStateView(null, null);
    }

    /// <summary>The default space states, and the caller's three most recently used custom states.</summary>
    public async Task<(IReadOnlyList<ContentStateRecord> Space, IReadOnlyList<ContentStateRecord> Custom)> AvailableAsync(
        Caller caller, string? id, CancellationToken ct = default)
    {
        await EditableAsync(caller, id, ct);
        return (SpaceStates, await states.CustomsAsync(caller.UserId, 3, ct));
    }

    public Task<IReadOnlyList<ContentStateRecord>> CustomAsync(Caller caller, CancellationToken ct = default) =>
        states.CustomsAsync(caller.UserId, int.MaxValue, ct);

    public async Task<IReadOnlyList<ContentStateRecord>> SpaceStatesAsync(Caller caller, string? spaceKey, CancellationToken ct = default)
    {
        await spaces.ViewableAsync(caller, spaceKey, ct);
        return SpaceStates;
    }

    /// <summary>The space's settings (space admins): every kind of state is allowed, the defaults suggested.</summary>
    public async Task<IReadOnlyList<ContentStateRecord>> SettingsAsync(Caller caller, string? spaceKey, CancellationToken ct = default)
    {
        await spaces.AdministrableAsync(caller, spaceKey, ct);
        return SpaceStates;
    }

    public async Task<Page<ContentRecord>> ContentWithStateAsync(
        Caller caller, string? spaceKey, long? stateId, PageRequest page, CancellationToken ct = default)
    {
        if (stateId is not { } state) throw new BadRequestException("state-id is required.");
        var space = await spaces.ViewableAsync(caller, spaceKey, ct);
        var ids = await states.ContentWithStateAsync(space.Id, state, SpaceAccess.ViewerOf(caller), page.Start, page.FetchCount, ct);
        var rows = (await contentStore.FindManyAsync(ids, ct)).ToDictionary(c => c.Id);
        return Page<ContentRecord>.FromOverfetch(ids.Where(rows.ContainsKey).Select(i => rows[i]).ToList(), page);
    }

    /// <summary>
    /// Sets (or with a null input removes) the state of up to 300 pieces of content; each one the
    /// caller may not edit, or that does not exist, is a failure of the task, not of the request.
    /// The work is done at once and its result kept for the caller under the returned task id.
    /// </summary>
    public async Task<string> BulkAsync(Caller caller, IReadOnlyList<string?>? ids, string? status, ContentStateInput? input, CancellationToken ct = default)
    {
        var target = Status(status ?? throw new BadRequestException("status is required: current or draft."), "current", ["current", "draft"]);
        if (ids is null || ids.Count == 0) throw new BadRequestException("ids must name at least one piece of content.");
        if (ids.Count > MaxBulk) throw new BadRequestException($"At most {MaxBulk} ids at once.");
        var state = input is null ? null : await ResolveAsync(caller, input, ct);
        var set = new List<string>();
        var failed = new List<BulkStateFailure>();
        foreach (var id in ids.Distinct())
        {
            try
            {
                var (content, _) = await EditableAsync(caller, id, ct);
                await PlaceAsync(caller, content, target, state, ct);
                set.Add(id!);
            }
            catch (QuireException e)
            {
                failed.Add(new BulkStateFailure(id ?? "", e.Message));
            }
        }
        var taskId = Guid.NewGuid().ToString();
        await states.SaveTaskAsync(taskId, caller.UserId, JsonSerializer.Serialize(new BulkStateResult(set, failed, state)), time.NowMillis(), ct);
        return taskId;
    }

    public async Task<BulkStateResult> TaskAsync(Caller caller, string? taskId, CancellationToken ct = default) =>
        (string.IsNullOrEmpty(taskId) ? null : await states.TaskAsync(taskId, caller.UserId, ct)) is { } json
            ? JsonSerializer.Deserialize<BulkStateResult>(json)!
            : throw new NotFoundException($"You have no content state task with id '{taskId}'.");

    private async Task<(ContentRecord Content, SpaceRecord Space)> EditableAsync(Caller caller, string? id, CancellationToken ct)
    {
        var found = await access.ViewableAsync(caller, id, ct);
        await access.RequireEditAsync(caller, found.Content, ct);
        return found;
    }

    /// <summary>
    /// Puts (or removes) the state; on the published version that saves a new minor version with
    /// the same body. A set names no version, so sets on one piece of content take turns on its
    /// row: each reads the version the one before it wrote and makes the next, rather than most
    /// of twenty simultaneous sets failing the version check with a version they never named.
    /// </summary>
    /// <returns>When the state was placed.</returns>
    private async Task<long> PlaceAsync(Caller caller, ContentRecord content, string status, ContentStateRecord? state, CancellationToken ct)
    {
        var now = time.NowMillis();
        await db.InTransactionAsync(async () =>
        {
            var locked = await contentStore.LockAsync(content.Id, ct) ?? throw new NotFoundException($"No content with id '{content.Id}' was found.");
            if (status == "draft" && locked.Status != ContentRules.Draft)
                throw new BadRequestException($"Content {content.Id} is not a draft: place its state with status current.");
            if (status == "current" && locked.Status != ContentRules.Current)
                throw new BadRequestException($"Content {content.Id} is not published: place its state with status draft.");
            if (state is null)
            {
                if (!await states.RemoveAsync(content.Id, status, ct)) return;
            }
            else
            {
                await states.PlaceAsync(content.Id, status, state, now, ct);
                if (state.Id >= ContentStateStore.FirstCustomId) await states.TouchCustomAsync(state.Id, now, ct);
            }
            if (status == "current")
                await contents.UpdateAsync(caller, content.Id.ToString(CultureInfo.InvariantCulture), new ContentChanges(
                    locked.Version + 1, state is null ? "Content state removed" : $"Content state: {state.Name}", MinorEdit: true,
                    null, locked.Title, null, null, null), ct);
        }, ct);
        return now;
    }

    private async Task<ContentStateRecord> ResolveAsync(Caller caller, ContentStateInput input, CancellationToken ct)
    {
        if (input.Id is { } id)
            return SpaceStates.FirstOrDefault(s => s.Id == id)
                   ?? await states.CustomAsync(caller.UserId, id, ct)
                   ?? throw new BadRequestException($"There is no content state {id} you can use.");
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
            throw new BadRequestException($"A content state needs an id, or a name of 1 to {MaxNameLength} characters and a colour.");
        if (input.Color is null || !Colour().IsMatch(input.Color))
            throw new BadRequestException("color must be a 6-digit hex colour such as #2684ff.");
        return await states.UseCustomAsync(caller.UserId, name, input.Color.ToLowerInvariant(), time.NowMillis(), ct);
    }

    private static string Status(string? status, string fallback, string[] allowed)
    {
        var value = string.IsNullOrWhiteSpace(status) ? fallback : status.Trim();
        return allowed.Contains(value) ? value : throw new BadRequestException($"status must be one of {string.Join(", ", allowed)}, not '{status}'.");
    }

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex Colour();
}
