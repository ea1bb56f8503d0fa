using Quire.Core.Webhooks;

namespace Quire.Core.Tests.Webhooks;

/// <summary>The pure rules of webhooks: event names by content type, backoff, and Data Center's signature.</summary>
public class WebhookRulesTests
{
    [Theory]
    [InlineData("page", ContentChange.Created, "page_created")]
    [InlineData("blogpost", ContentChange.Trashed, "blog_trashed")]
    [InlineData("comment", ContentChange.Removed, "comment_removed")]
    [InlineData("attachment", ContentChange.Restored, "attachment_restored")]
    [InlineData("page", ContentChange.ChildrenReordered, "page_children_reordered")]
    [InlineData("whiteboard", ContentChange.Updated, "content_updated")]
    public void Content_events_are_named_by_type_and_change(string type, ContentChange change, string expected)
    {
        var name = WebhookPayloads.EventName(type, change);
        Assert.Equal(expected, name);
        Assert.True(WebhookEvents.IsKnown(name));
    }

    [Fact]
    public void Each_retry_waits_twice_as_long_as_the_one_before_up_to_the_maximum()
    {
        var options = new WebhookOptions { RetryBaseSeconds = 10, RetryMaxSeconds = 60 };
        Assert.Equal([10, 20, 40, 60, 60], new[] { 1, 2, 3, 4, 5 }.Select(a => options.RetryDelay(a).TotalSeconds));
    }

    [Fact]
    public void The_signature_is_the_lower_case_hex_hmac_sha256_of_the_body()
    {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        Assert.Equal("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            WebhookSender.Signature("Jefe", "what do ya want for nothing?"u8.ToArray()));
    }
}
