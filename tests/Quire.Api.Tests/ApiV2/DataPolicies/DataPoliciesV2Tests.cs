using System.Net;
using Quire.Api.Tests.Infrastructure;
using Quire.Api.Tests.Spaces;
using static Quire.Api.Tests.ApiV2.ApiV2TestSupport;

namespace Quire.Api.Tests.ApiV2.DataPolicies;

/// <summary>The v2 Data Policies group: Quire has no data security policies, so nothing is blocked; the spaces are the caller's readable ones.</summary>
public abstract class DataPoliciesV2Tests(ServerFixture fixture) : ApiTest(fixture)
{
    [SkippableFact]
    public async Task Nothing_is_blocked_on_the_site()
    {
        var user = await NewUserAsync();
        var metadata = (await user.Client.Get($"{V2}/data-policies/metadata")).Expect(HttpStatusCode.OK).Json!;
        Assert.False((bool)metadata["anyContentBlocked"]!);
    }

    [SkippableFact]
    public async Task Spaces_are_the_readable_ones_with_their_policy_filtered_sorted_and_walked_by_cursor()
    {
        var owner = await NewUserAsync();
        var reader = await NewUserAsync();
        var keys = new List<string>();
        foreach (var name in new[] { "Charlie", "Alpha", "Bravo" })
        {
            var key = SpaceTestSupport.NewKey();
            await owner.Client.CreateSpaceAsync(key, $"{name} {key}", description: $"About {name}",
                permissions: [SpaceTestSupport.Permission("read", "space", [reader.AccountId])]);
            keys.Add(key);
        }
        var hidden = SpaceTestSupport.NewKey();
        await owner.Client.CreateSpaceAsync(hidden, isPrivate: true);
        var filter = $"keys={string.Join(',', keys)},{hidden}";

        var walked = await reader.Client.WalkAsync($"{V2}/data-policies/spaces?{filter}&limit=1");
        Assert.Equal(keys.Order(StringComparer.Ordinal), walked.Select(s => (string)s["key"]!).Order(StringComparer.Ordinal));
        var ids = walked.Select(s => long.Parse((string)s["id"]!)).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.All(walked, s =>
        {
            Assert.False((bool)s["dataPolicy"]!["anyContentBlocked"]!);
            Assert.StartsWith("About ", (string?)s["description"]!["plain"]!["value"]);
            Assert.Equal($"/spaces/{(string)s["key"]!}", (string?)s["_links"]!["webui"]);
        });
        Assert.Equal(4, (await owner.Client.WalkAsync($"{V2}/data-policies/spaces?{filter}")).Count);

        var byName = await reader.Client.WalkAsync($"{V2}/data-policies/spaces?{filter}&sort=-name&limit=2");
        Assert.Equal(["Charlie", "Bravo", "Alpha"], byName.Select(s => ((string)s["name"]!).Split(' ')[0]));
        var one = Assert.Single(await reader.Client.WalkAsync($"{V2}/data-policies/spaces?ids={ids[1]}"));
        Assert.Equal(ids[1].ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)one["id"]);
    }

    [SkippableFact]
    public async Task Bad_parameters_are_400()
    {
        var first = (await Admin.Get($"{V2}/data-policies/spaces?limit=1")).Expect(HttpStatusCode.OK).Json!;
        var next = (string?)first["_links"]?["next"];
        foreach (var query in new[] { "limit=0", "limit=251", "sort=title", "ids=abc" })
            (await Admin.Get($"{V2}/data-policies/spaces?{query}")).ExpectV2Error(HttpStatusCode.BadRequest);
        if (next is not null)
            (await Admin.Get(next + "&sort=-name")).ExpectV2Error(HttpStatusCode.BadRequest);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DataPoliciesV2TestsOnSqlite(SqliteServerFixture fixture) : DataPoliciesV2Tests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class DataPoliciesV2TestsOnPostgres(PostgresServerFixture fixture) : DataPoliciesV2Tests(fixture);
