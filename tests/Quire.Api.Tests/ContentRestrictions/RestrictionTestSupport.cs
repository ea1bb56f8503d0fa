using System.Net;
using System.Text.Json.Nodes;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.Content.ContentTestSupport;

namespace Quire.Api.Tests.ContentRestrictions;

/// <summary>Restricting content and making the users and groups restrictions name.</summary>
public static class RestrictionTestSupport
{
    public static string Restriction(string id) => $"{ContentUrl}/{id}/restriction";

    /// <summary>A ContentRestrictionUpdate naming users (by account id) and groups (by id).</summary>
    public static object Entry(string operation, string[]? accountIds = null, string[]? groupIds = null) => new
    {
        operation,
        restrictions = new
        {
            user = (accountIds ?? []).Select(a => new { type = "known", accountId = a }).ToArray(),
            group = (groupIds ?? []).Select(g => new { type = "group", id = g }).ToArray(),
        },
    };

    public static async Task<JsonNode> RestrictAsync(this HttpClient client, string id, params object[] entries) =>
        (await client.PostJson(Restriction(id), entries)).Expect(HttpStatusCode.OK).Json!;

    /// <summary>A new group (by the admin) with the given members; answers its id and name.</summary>
    public static async Task<(string Id, string Name)> NewGroupAsync(this HttpClient admin, params TestUser[] members)
    {
        var name = "grp-" + Guid.NewGuid().ToString("N")[..10];
        var id = (string)(await admin.PostJson("/wiki/rest/api/group", new { name })).Expect(HttpStatusCode.Created).Json!["id"]!;
        foreach (var member in members)
            (await admin.PostJson($"/wiki/rest/api/group/userByGroupId?groupId={id}", new { accountId = member.AccountId })).Expect(HttpStatusCode.Created);
        return (id, name);
    }

    /// <summary>A space the owner creates where the given users (and nobody else) may read, and (with <paramref name="writers"/>) write pages.</summary>
    public static async Task<string> SharedSpaceAsync(this HttpClient owner, TestUser[] readers, TestUser[]? writers = null)
    {
        var key = SpaceTestSupport.NewKey();
        var all = readers.Concat(writers ?? []).Select(u => u.AccountId).Distinct().ToArray();
        var writerIds = (writers ?? []).Select(u => u.AccountId).ToArray();
        var permissions = new List<object>();
        if (all.Length > 0) permissions.Add(SpaceTestSupport.Permission("read", "space", all));
        if (writerIds.Length > 0)
            permissions.AddRange(
            [
                SpaceTestSupport.Permission("create", "page", writerIds), SpaceTestSupport.Permission("delete", "page", writerIds),
                SpaceTestSupport.Permission("create", "comment", writerIds), SpaceTestSupport.Permission("create", "attachment", writerIds),
                SpaceTestSupport.Permission("restrict_content", "space", writerIds),
            ]);
        await owner.CreateSpaceAsync(key, permissions: permissions.ToArray());
        return key;
    }
}
