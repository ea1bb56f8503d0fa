using Quire.Core.Attachments;

namespace Quire.Core.Tests.Attachments;

public sealed class AttachmentFileIdsTests
{
    [Theory]
    [InlineData(1L)]
    [InlineData(98765L)]
    [InlineData(0xFFFF_FFFF_FFFFL)]
    public void A_file_id_is_a_uuid_that_leads_back_to_its_attachment(long id)
    {
        var fileId = AttachmentFileIds.Of(id);
        Assert.True(Guid.TryParse(fileId, out _));
        Assert.True(AttachmentFileIds.TryParse(fileId, out var parsed));
        Assert.Equal(id, parsed);
        Assert.True(AttachmentFileIds.TryParse(fileId.ToUpperInvariant(), out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("5c1a8e6f-2d3b-4c5d-8e9f-0a1b2c3d4e5f")] // a Cloud fileId Quire did not issue
    [InlineData("a7ac0f1e-0000-4000-8000-000000000000")] // no attachment has id 0
    [InlineData("a7ac0f1e-0000-4000-8000-00000000000g")]
    [InlineData("a7ac0f1e-0000-4000-8000-0000000000001")]
    public void Other_strings_are_not_quire_file_ids(string? fileId) =>
        Assert.False(AttachmentFileIds.TryParse(fileId, out _));

    [Fact]
    public void The_collection_names_the_page() => Assert.Equal("contentId-42", AttachmentFileIds.Collection(42));
}
