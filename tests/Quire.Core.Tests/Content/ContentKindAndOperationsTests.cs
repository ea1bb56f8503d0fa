using Quire.Core.Content;
using Quire.Core.Spaces;
using Quire.Storage.Content;
using Quire.Storage.Spaces;

namespace Quire.Core.Tests.Content;

/// <summary>v2's kinds of content as Quire stores them, and the one rule for what a viewer may do with content.</summary>
public sealed class ContentKindAndOperationsTests
{
    private static ContentRecord Row(string type, string? location = null) =>
        new() { Type = type, Status = ContentRules.Current, Title = "t", SpaceId = 7, CommentLocation = location };

    private static SpaceOperationRecord Grant(string operation, string target) => new() { SpaceId = 7, Operation = operation, TargetType = target };

    [Theory]
    [InlineData("page", null, ContentKind.Page)]
    [InlineData("blogpost", null, ContentKind.BlogPost)]
    [InlineData("attachment", null, ContentKind.Attachment)]
    [InlineData("comment", "footer", ContentKind.FooterComment)]
    [InlineData("comment", null, ContentKind.FooterComment)] // stored without a location: a footer comment
    [InlineData("comment", "inline", ContentKind.InlineComment)]
    [InlineData("folder", null, ContentKind.Folder)]
    [InlineData("whiteboard", null, ContentKind.Whiteboard)]
    [InlineData("database", null, ContentKind.Database)]
    [InlineData("embed", null, ContentKind.Embed)]
    public void A_row_s_kind_is_its_type_and_for_comments_its_location(string type, string? location, ContentKind kind)
    {
        Assert.Equal(kind, ContentKinds.Of(Row(type, location)));
        Assert.True(Row(type, location).Is(kind));
        Assert.False(Row(type, location).Is(kind == ContentKind.Page ? ContentKind.BlogPost : ContentKind.Page));
    }

    [Theory]
    [InlineData("ac:app:custom")]
    [InlineData("forge:app:env:module")]
    public void Every_custom_type_is_the_one_custom_content_kind(string type)
    {
        Assert.Equal(ContentKind.CustomContent, ContentKinds.Of(Row(type)));
        Assert.True(ContentRules.IsOfType(type, ContentRules.CustomContent));
        Assert.False(ContentRules.IsOfType("page", ContentRules.CustomContent));
        Assert.Equal("custom-content", ContentKind.CustomContent.Name());
    }

    [Fact]
    public void Types_that_are_not_custom_content_keys_have_no_kind() => Assert.Null(ContentKinds.Of(Row("whatever")));

    [Fact]
    public void Custom_content_is_changed_with_the_space_s_page_grants()
    {
        var grants = new[] { Grant("read", "space"), Grant("create", "page"), Grant("delete", "page") };
        Assert.Equal([new SpaceOperation("read", "ac:app:custom"), new SpaceOperation("update", "ac:app:custom"), new SpaceOperation("delete", "ac:app:custom")],
            ContentOperations.Of(Row("ac:app:custom"), grants, changeable: true));
        Assert.Equal([new SpaceOperation("read", "ac:app:custom")], ContentOperations.Of(Row("ac:app:custom"), [Grant("read", "space")], changeable: true));
    }

    [Fact]
    public void Operations_follow_read_create_and_delete_grants_of_the_content_s_type()
    {
        var grants = new[] { Grant("read", "space"), Grant("create", "page"), Grant("delete", "page"), Grant("create", "comment") };
        Assert.Equal([new SpaceOperation("read", "page"), new SpaceOperation("update", "page"), new SpaceOperation("delete", "page")],
            ContentOperations.Of(Row("page"), grants, changeable: true));
        Assert.Equal([new SpaceOperation("read", "comment"), new SpaceOperation("update", "comment")],
            ContentOperations.Of(Row("comment"), grants, changeable: true));
        Assert.Equal([new SpaceOperation("read", "blogpost")], ContentOperations.Of(Row("blogpost"), grants, changeable: true));
    }

    [Theory]
    [InlineData(ContentKind.Folder, "folder")]
    [InlineData(ContentKind.Whiteboard, "whiteboard")]
    [InlineData(ContentKind.Database, "database")]
    [InlineData(ContentKind.Embed, "embed")]
    public void The_tree_kinds_are_named_by_their_type_and_follow_the_page_grants(ContentKind kind, string type)
    {
        Assert.Equal(type, kind.Name());
        Assert.True(ContentRules.IsTreeKind(type) && ContentRules.InPageTree(type));
        Assert.Equal("page", ContentRules.PermissionTarget(type));
        var grants = new[] { Grant("read", "space"), Grant("create", "page") };
        Assert.Equal([new SpaceOperation("read", type), new SpaceOperation("update", type)], ContentOperations.Of(Row(type), grants, changeable: true));
        Assert.Equal([new SpaceOperation("read", type)], ContentOperations.Of(Row(type), [Grant("read", "space"), Grant("create", type)], changeable: true));
    }

    [Fact]
    public void An_update_restriction_leaving_the_viewer_out_takes_update_and_delete_away()
    {
        var grants = new[] { Grant("read", "space"), Grant("create", "page"), Grant("delete", "page") };
        Assert.Equal([new SpaceOperation("read", "page")], ContentOperations.Of(Row("page"), grants, changeable: false));
        Assert.DoesNotContain(ContentOperations.Of(Row("page"), [Grant("create", "page")], changeable: true), o => o.Operation == "read");
    }
}
