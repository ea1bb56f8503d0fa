using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Storage;
using Quire.Storage.Spaces;

namespace Quire.Core.Spaces;

public sealed record NewLabel(string? Prefix, string? Name);

/// <summary>
/// Labels on spaces. <c>my</c> labels belong to the user who adds them (<c>my:favourite</c>
/// makes the space one of its favourites) and need only 'View'; the shared <c>global</c>
/// and <c>team</c> labels describe the space for everyone and need 'Admin'.
/// </summary>
public sealed class SpaceLabelService(SpaceLabelStore labels, SpaceAccess access, DbSession db)
{
    public const int MaxNameLength = 255;
    public const int MaxLabelsPerRequest = 100;
    public const string GlobalPrefix = "global";
    public const string MyPrefix = "my";
    public const string TeamPrefix = "team";

    /// <summary>Characters Confluence refuses in label names.</summary>
    private static readonly char[] Forbidden = [':', ';', ',', '.', '?', '&', '[', ']', '(', ')', '#', '^', '*', '@', '!', '<', '>', '"', '\'', '/', '\\'];

    public async Task<Page<SpaceLabelRecord>> ListAsync(
        Caller caller, string? spaceKey, string? prefix, PageRequest page, CancellationToken ct = default)
    {
        var space = await access.ViewableAsync(caller, spaceKey, ct);
        var wanted = prefix is null ? null : Prefix(prefix);
        var rows = await labels.ListForSpacesAsync([space.Id], caller.UserId, wanted, page.Start, page.FetchCount, ct);
        return Page<SpaceLabelRecord>.FromOverfetch(rows, page);
    }

    public async Task AddAsync(Caller caller, string? spaceKey, IReadOnlyList<NewLabel>? input, CancellationToken ct = default)
    {
        var space = await access.ViewableAsync(caller, spaceKey, ct);
        if (input is null) throw new BadRequestException("The body must be an array of labels.");
        if (input.Count > MaxLabelsPerRequest)
            throw new BadRequestException($"At most {MaxLabelsPerRequest} labels may be added at once.");
        var wanted = input.Select(l => (Prefix: Prefix(l?.Prefix ?? GlobalPrefix), Name: Name(l?.Name))).Distinct().ToList();
        if (wanted.Any(l => l.Prefix != MyPrefix))
            await access.RequireAsync(caller, space, SpaceOperation.Administer, ct);

        await db.InTransactionAsync(async () =>
        {
            foreach (var (prefix, name) in wanted)
            {
                var labelId = await labels.EnsureLabelAsync(prefix, name, OwnerOf(caller, prefix), ct);
                await labels.AttachAsync(space.Id, labelId, ct);
            }
        }, ct);
    }

    public async Task RemoveAsync(Caller caller, string? spaceKey, string? name, string? prefix, CancellationToken ct = default)
    {
        var space = await access.ViewableAsync(caller, spaceKey, ct);
        if (string.IsNullOrWhiteSpace(name)) throw new BadRequestException("name is required.");
        var labelPrefix = Prefix(string.IsNullOrWhiteSpace(prefix) ? GlobalPrefix : prefix);
        if (labelPrefix != MyPrefix)
            await access.RequireAsync(caller, space, SpaceOperation.Administer, ct);
        var labelName = name.Trim().ToLowerInvariant();
        if (!await labels.DetachAsync(space.Id, labelPrefix, labelName, OwnerOf(caller, labelPrefix), ct))
            throw new NotFoundException($"Space '{space.Key}' has no label '{labelPrefix}:{labelName}'.");
    }

    private static long OwnerOf(Caller caller, string prefix) => prefix == MyPrefix ? caller.UserId : 0;

    private static string Prefix(string prefix) => prefix.Trim().ToLowerInvariant() switch
    {
        GlobalPrefix => GlobalPrefix,
        MyPrefix => MyPrefix,
        TeamPrefix => TeamPrefix,
        _ => throw new BadRequestException($"Label prefix must be one of global, my, team; not '{prefix}'."),
    };

    /// <summary>Confluence stores label names in lower case; it lower-cases what it is given rather than refusing it.</summary>
    private static string Name(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new BadRequestException("Label name is required.");
        var name = value.Trim().ToLowerInvariant();
        if (name.Length > MaxNameLength)
            throw new BadRequestException($"Label name must be at most {MaxNameLength} characters.");
        if (name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new BadRequestException($"Label name '{value}' is invalid: labels may not contain spaces.");
        if (name.IndexOfAny(Forbidden) >= 0)
            throw new BadRequestException($"Label name '{value}' contains a character labels may not have ({string.Join(' ', Forbidden)}).");
        return name;
    }
}
