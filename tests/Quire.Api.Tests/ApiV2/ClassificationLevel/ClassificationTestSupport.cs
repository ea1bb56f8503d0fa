using System.Net;
using Quire.Api.Tests.Infrastructure;

namespace Quire.Api.Tests.ApiV2.ClassificationLevel;

/// <summary>Calls the classification tests share: levels are defined through the admin endpoint.</summary>
public static class ClassificationTestSupport
{
    public const string AdminLevels = "/wiki/rest/api/admin/classification-levels";

    /// <summary>Defines a level (a unique name unless given) and answers its id.</summary>
    public static async Task<string> NewLevelAsync(
        this HttpClient admin, string? name = null, string color = "BLUE", string? status = null, string? description = null, int? order = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = name ?? "Level " + Guid.NewGuid().ToString("N")[..10], ["color"] = color, ["status"] = status,
            ["description"] = description, ["order"] = order,
        };
        return (string)(await admin.PostJson(AdminLevels, body.Where(p => p.Value is not null).ToDictionary())).Expect(HttpStatusCode.Created).Json!["id"]!;
    }

    public static async Task ArchiveLevelAsync(this HttpClient admin, string id) =>
        (await admin.PostJson($"{AdminLevels}/{id}/archive", new { })).Expect(HttpStatusCode.OK);
}
