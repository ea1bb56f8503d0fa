using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Quire.Server.Api.Content;
using Quire.Server.Api.Space;
using Quire.Server.Api.Users;
using Quire.Server.Http;

namespace Quire.Core.Tests;

/// <summary>
/// <see cref="GeneratedJsonResult{T}"/> writes the read path's answers with System.Text.Json's generated writer and a
/// relaxed-encoder writer of its own: its bytes and content type must be those ASP.NET Core writes for the same value
/// with the application's JSON options (which run the metadata-driven writer), escaping included.
/// </summary>
public sealed class GeneratedJsonResultTests
{
    /// <summary>Markup, entities, quotes, a backslash, non-ASCII (2-, 3- and 4-byte UTF-8), U+2028 and a plus sign.</summary>
    private const string Awkward = "<p class=\"x\">caf\u00e9 &amp; <b>'tea'</b> \u2028 \ud83d\ude00 \\ a+b &lt;/p&gt; \u65e5\u672c</p>";

    private static UserJson User() => new()
    {
        Type = "known", AccountId = "5b10ac8d82e05b22cc7d4ef5", AccountType = "atlassian", Email = "",
        PublicName = "Zo\u00eb <admin>", DisplayName = "Zo\u00eb \"Z\" & co", TimeZone = "Europe/Paris",
        ProfilePicture = new IconJson("/wiki/aa-avatar/x.png", 48, 48, true),
        Expandable = new UserExpandableJson(), Links = new LinksJson { Self = "https://h/wiki/rest/api/user?accountId=5b" },
    };

    private static ContentJson Content(BodyText body)
    {
        var space = new SpaceJson
        {
            Id = 98306, Key = "D\u00c9V", Name = "R&D <team> \u00e9t\u00e9", Type = "global", Status = "current",
            Expandable = new SpaceExpandableJson(), Links = new LinksJson { Webui = "/spaces/D%C3%89V", Self = "https://h/wiki/rest/api/space/D%C3%89V" },
        };
        return new ContentJson
        {
            Id = "65601", Type = "page", Status = "current", Title = "Q&A: \"quotes\" <and> \u00fcml\u00e4uts \ud83d\ude00",
            Space = space,
            Container = new ContainerJson(space),
            Version = new VersionJson
            {
                By = User(), When = "2026-12-06T01:02:03.004Z", FriendlyWhen = "just a moment ago", Message = "fix <b> & \"it\"",
                Number = 3, MinorEdit = true, Expandable = new VersionExpandableJson { Content = "/rest/api/content/65601" },
                Links = new LinksJson { Self = "https://h/wiki/rest/api/content/65601/version/3" },
            },
            Body = new ContentBodiesJson
            {
                Storage = new ContentBodyJson { Value = body, Representation = "storage", Expandable = new VersionExpandableJson { Content = "/rest/api/content/65601" } },
                Expandable = new BodiesExpandableJson { Editor = "", View = "" },
            },
            Extensions = new Dictionary<string, object> { ["position"] = 7, ["note"] = "a <b> & \u00e9", ["nested"] = new Dictionary<string, object> { ["ok"] = true } },
            Expandable = new ContentExpandableJson { ChildTypes = "", Container = null, Metadata = "", History = "/rest/api/content/65601/history" },
            Links = new LinksJson { Webui = "/spaces/D%C3%89V/pages/65601/Q", Edit = "/pages/resumedraft.action?draftId=65601", Tinyui = "/x/QQAB",
                Self = "https://h/wiki/rest/api/content/65601", Base = "https://h/wiki", Context = "/wiki" },
        };
    }

    public static TheoryData<string> Bodies => ["text", "utf8"];

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_content_answer_is_byte_for_byte_what_ASP_NET_Core_writes(string bodyKind)
    {
        var content = Content(bodyKind == "utf8" ? new BodyText(Encoding.UTF8.GetBytes(Awkward)) : Awkward);
        var (expectedType, expected) = await AspNetCoreAnswer(content);
        var (actualType, actual) = await Answer(new GeneratedJsonResult<ContentJson>(content));
        Assert.Equal(expectedType, actualType);
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));
        Assert.Equal(expected, actual);
        // The relaxed encoder keeps markup as it is, as Confluence writes it.
        Assert.Contains("<p class=\\\"x\\\">caf\u00e9 &amp;", Encoding.UTF8.GetString(actual));
    }

    [Fact]
    public async Task A_user_answer_is_byte_for_byte_what_ASP_NET_Core_writes()
    {
        var user = User();
        var (_, expected) = await AspNetCoreAnswer(user);
        var (_, actual) = await Answer(new GeneratedJsonResult<UserJson>(user));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_answers_type_information_runs_the_generated_writer()
    {
        var canUse = typeof(System.Text.Json.Serialization.Metadata.JsonTypeInfo).GetProperty("CanUseSerializeHandler",
            System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance);
        // An internal of System.Text.Json: checked when present, so a runtime that renames it does not fail the build.
        if (canUse is not null)
        {
            Assert.True((bool)canUse.GetValue(GeneratedJsonResult<ContentJson>.TypeInfo)!);
            Assert.True((bool)canUse.GetValue(GeneratedJsonResult<UserJson>.TypeInfo)!);
        }
    }

    [Fact]
    public async Task Answers_written_one_after_another_on_a_thread_do_not_mix()
    {
        var content = Content(Awkward);
        var (_, first) = await Answer(new GeneratedJsonResult<ContentJson>(content));
        var (_, second) = await Answer(new GeneratedJsonResult<UserJson>(User()));
        var (_, third) = await Answer(new GeneratedJsonResult<ContentJson>(content));
        Assert.Equal(first, third);
        using var user = JsonDocument.Parse(second);
        Assert.Equal("known", user.RootElement.GetProperty("type").GetString());
    }

    /// <summary>What a minimal-API endpoint returning the value writes: <c>WriteAsJsonAsync</c> with the app's options.</summary>
    private static async Task<(string? ContentType, byte[] Body)> AspNetCoreAnswer<T>(T value)
    {
        var options = new Microsoft.AspNetCore.Http.Json.JsonOptions();
        QuireJson.Configure(options.SerializerOptions);
        var context = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        await context.Response.WriteAsJsonAsync(value, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)options.SerializerOptions.GetTypeInfo(typeof(T)));
        return (context.Response.ContentType, ((MemoryStream)context.Response.Body).ToArray());
    }

    private static async Task<(string? ContentType, byte[] Body)> Answer(IResult result)
    {
        var context = new DefaultHttpContext { Response = { Body = new MemoryStream() } };
        await result.ExecuteAsync(context);
        return (context.Response.ContentType, ((MemoryStream)context.Response.Body).ToArray());
    }
}
