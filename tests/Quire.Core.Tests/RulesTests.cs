using System.Text.Json;
using Quire.Core.Errors;
using Quire.Core.Paging;
using Quire.Core.Users;
using Quire.Server.Http;

namespace Quire.Core.Tests;

public sealed class RulesTests
{
    [Theory]
    [InlineData("ada@example.com", true)]
    [InlineData("a.b+c@sub.example.org", true)]
    [InlineData("no-at-sign", false)]
    [InlineData("two@@example.com", false)]
    [InlineData("Name <ada@example.com>", false)]
    [InlineData("ada@localhost", false)]
    public void Emails_must_be_plain_addresses(string email, bool valid)
    {
        if (valid) Assert.Equal(email, UserInputRules.Email(email));
        else Assert.Throws<BadRequestException>(() => UserInputRules.Email(email));
    }

    [Theory]
    [InlineData("ada", true)]
    [InlineData("ada.lovelace_1-x+y", true)]
    [InlineData("ada@example.com", false)]
    [InlineData("has space", false)]
    [InlineData("semi;colon", false)]
    [InlineData("", false)]
    public void User_names_are_a_safe_alphabet(string name, bool valid)
    {
        if (valid) Assert.Equal(name, UserInputRules.UserName(name));
        else Assert.Throws<BadRequestException>(() => UserInputRules.UserName(name));
    }

    [Fact]
    public void Property_values_are_kept_as_sent_and_bounded()
    {
        using var doc = JsonDocument.Parse("{ \"a\" : [1, 2.50, \"x\"] }");
        Assert.Equal("{ \"a\" : [1, 2.50, \"x\"] }", JsonValueRules.Value(doc.RootElement));
        Assert.Throws<BadRequestException>(() => JsonValueRules.Value(null));
        using var big = JsonDocument.Parse("\"" + new string('x', JsonValueRules.MaxValueLength) + "\"");
        Assert.Throws<PayloadTooLargeException>(() => JsonValueRules.Value(big.RootElement, tooLongIsPayloadTooLarge: true));
    }

    [Fact]
    public void Paging_clamps_the_limit_and_refuses_negatives()
    {
        var limits = new PageLimits(25, 100);
        Assert.Equal(new PageRequest(0, 25), limits.Parse(null, null));
        Assert.Equal(new PageRequest(50, 100), limits.Parse(50, 1000));
        Assert.Throws<BadRequestException>(() => limits.Parse(-1, null));
        Assert.Throws<BadRequestException>(() => limits.Parse(0, -5));

        var strict = new PageLimits(25, 100, RefuseAboveMax: true);
        Assert.Equal(new PageRequest(0, 100), strict.Parse(null, 100));
        Assert.Throws<BadRequestException>(() => strict.Parse(null, 101));
    }

    [Fact]
    public void Overfetching_one_row_tells_whether_more_follow()
    {
        var request = new PageRequest(0, 2);
        Assert.True(Page<int>.FromOverfetch([1, 2, 3], request).HasMore);
        Assert.Equal([1, 2], Page<int>.FromOverfetch([1, 2, 3], request).Results);
        Assert.False(Page<int>.FromOverfetch([1, 2], request).HasMore);

        var empty = Page<int>.FromOverfetch([1], new PageRequest(0, 0));
        Assert.Empty(empty.Results);
        Assert.False(empty.HasMore);
    }
}
