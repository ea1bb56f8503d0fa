using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using Quire.Storage;

namespace Quire.Api.Tests.ContentMeta;

/// <summary>
/// Content for the label and property tests. Content cannot be created through the API on
/// this branch, so tests use each space's homepage and insert further pages as rows.
/// </summary>
public static class ContentTestSupport
{
    /// <summary>A new space (created by <paramref name="owner"/>) and the id of its homepage.</summary>
    public static async Task<(string Key, long SpaceId, string HomepageId)> CreateSpaceWithHomepageAsync(
        this HttpClient owner, bool isPrivate = false)
    {
        var key = SpaceTestSupport.NewKey();
        var space = await owner.CreateSpaceAsync(key, isPrivate: isPrivate);
        var expanded = (await owner.Get($"/wiki/rest/api/space/{key}?expand=homepage")).Expect(HttpStatusCode.OK).Json!;
        return (key, (long)space["id"]!, (string)expanded["homepage"]!["id"]!);
    }

    /// <summary>Inserts a page (current unless told) straight into the server's database and answers its id.</summary>
    public static async Task<string> InsertPageAsync(this QuireServer server, long spaceId, string title, string type = "page", string status = "current")
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbSession>();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var id = await db.ExecuteScalarAsync<long>(
            """
            INSERT INTO content (type, status, space_id, title, title_lower, body_storage, version, created_at, updated_at)
            VALUES (@type, @status, @spaceId, @title, @titleLower, '', 1, @now, @now)
            RETURNING id
            """, new { type, status, spaceId, title, titleLower = title.ToLowerInvariant(), now });
        return id.ToString();
    }

    /// <summary>
    /// Lets a user read a space and nothing more: the API cannot grant permissions yet, and a
    /// global space lets every user edit, so a view-only caller needs a private space and this row.
    /// </summary>
    public static async Task GrantReadAsync(this QuireServer server, long spaceId, string accountId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbSession>();
        await db.ExecuteAsync(
            """
            INSERT INTO space_permissions (space_id, user_id, operation, target_type)
            SELECT @spaceId, id, 'read', 'space' FROM users WHERE account_id = @accountId
            """, new { spaceId, accountId });
    }
}
