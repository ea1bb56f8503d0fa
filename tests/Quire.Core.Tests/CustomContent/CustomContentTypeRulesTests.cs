using Quire.Core.CustomContent;
using Quire.Core.Errors;

namespace Quire.Core.Tests.CustomContent;

/// <summary>What a custom content type declaration may say: Cloud's key forms, the places and children it lists, its body type.</summary>
public sealed class CustomContentTypeRulesTests
{
    [Theory]
    [InlineData("ac:my-app:note")]
    [InlineData("ac:com.example.app:note_2")]
    [InlineData("forge:0a1b2c3d-aaaa-bbbb-cccc-0123456789ab:production:note")]
    public void Connect_and_Forge_keys_are_taken(string key) => Assert.Equal(key, CustomContentTypeRules.Key(key));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("page")]
    [InlineData("ac:only-one")]
    [InlineData("ac:a:b:c")]
    [InlineData("ac:My-App:note")]
    [InlineData("forge:app:note")]
    [InlineData("ac::note")]
    [InlineData("x:app:note")]
    public void Other_keys_are_refused(string? key) => Assert.Throws<BadRequestException>(() => CustomContentTypeRules.Key(key));

    [Fact]
    public void Lists_default_to_a_space_with_attachments_and_comments_and_hold_only_known_types()
    {
        Assert.Equal(["space"], CustomContentTypeRules.ContainerTypes(null));
        Assert.Equal(["attachment", "comment"], CustomContentTypeRules.ChildTypes(null));
        Assert.Equal(["page", "ac:app:other"], CustomContentTypeRules.ContainerTypes(["page", "ac:app:other", "page"]));
        Assert.Throws<BadRequestException>(() => CustomContentTypeRules.ContainerTypes(["attachment"]));
        Assert.Throws<BadRequestException>(() => CustomContentTypeRules.ChildTypes(["page"]));
        Assert.Equal("storage", CustomContentTypeRules.BodyType(null));
        Assert.Throws<BadRequestException>(() => CustomContentTypeRules.BodyType("raw"));
    }
}
