using System.Text.Json;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Security;
using Quire.Storage.UserProperties;
using Quire.Storage.Users;

namespace Quire.Core.UserProperties;

/// <summary>
/// Site-level JSON properties stored against a user. A user reads and writes its own;
/// site admins (standing in for Cloud's apps) may do so for anyone.
/// </summary>
public sealed class UserPropertyService(UserStore users, UserPropertyStore properties, TimeProvider time)
{
    public async Task<Page<string>> ListKeysAsync(Caller caller, string accountId, PageRequest page, CancellationToken ct = default)
    {
        var owner = await OwnerAsync(caller, accountId, ct);
        return Page<string>.FromOverfetch(await properties.ListKeysAsync(owner.Id, page.Start, page.FetchCount, ct), page);
    }

    public async Task<(UserRecord Owner, UserPropertyRecord Property)> GetAsync(Caller caller, string accountId, string? key, CancellationToken ct = default)
    {
        var validKey = JsonValueRules.Key(key);
        var owner = await OwnerAsync(caller, accountId, ct);
        var property = await properties.FindAsync(owner.Id, validKey, ct)
                       ?? throw new NotFoundException($"The user has no property '{validKey}'.");
        return (owner, property);
    }

    public async Task CreateAsync(Caller caller, string accountId, string? key, JsonElement? value, CancellationToken ct = default)
    {
        var validKey = JsonValueRules.Key(key);
        var raw = JsonValueRules.ObjectValue(value);
        var owner = await OwnerAsync(caller, accountId, ct);
        if (!await properties.InsertAsync(owner.Id, validKey, raw, time.NowMillis(), ct))
            throw new ConflictException($"The user already has a property '{validKey}'.");
    }

    public async Task UpdateAsync(Caller caller, string accountId, string? key, JsonElement? value, CancellationToken ct = default)
    {
        var validKey = JsonValueRules.Key(key);
        var raw = JsonValueRules.ObjectValue(value);
        var owner = await OwnerAsync(caller, accountId, ct);
        if (!await properties.UpdateAsync(owner.Id, validKey, raw, time.NowMillis(), ct))
            throw new NotFoundException($"The user has no property '{validKey}'.");
    }

    public async Task DeleteAsync(Caller caller, string accountId, string? key, CancellationToken ct = default)
    {
        var validKey = JsonValueRules.Key(key);
        var owner = await OwnerAsync(caller, accountId, ct);
        if (!await properties.DeleteAsync(owner.Id, validKey, ct))
            throw new NotFoundException($"The user has no property '{validKey}'.");
    }

    private async Task<UserRecord> OwnerAsync(Caller caller, string accountId, CancellationToken ct)
    {
        var owner = await users.FindByAccountIdAsync(accountId, ct)
                    ?? throw new NotFoundException($"No user with accountId '{accountId}' was found.");
        if (owner.Id != caller.UserId && !caller.IsSiteAdmin)
            throw new ForbiddenException("You can only read and change your own user properties.");
        return owner;
    }
}
