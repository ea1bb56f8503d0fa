using Quire.Server.Http;

namespace Quire.Core.Tests;

public sealed class ExpansionTests
{
    [Fact]
    public void Dotted_paths_and_comma_lists_build_a_tree()
    {
        var expand = Expansion.Parse("history.lastUpdated, body.storage,history.createdBy,space");
        Assert.True(expand.Has("history"));
        Assert.True(expand["history"].Has("lastUpdated"));
        Assert.True(expand["history"].Has("createdBy"));
        Assert.True(expand["body"].Has("storage"));
        Assert.True(expand.Has("space"));
        Assert.True(expand["space"].IsEmpty);
        Assert.False(expand.Has("version"));
        Assert.True(expand["version"].IsEmpty);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" , ,. ")]
    public void Empty_input_expands_nothing(string? input) => Assert.True(Expansion.Parse(input).IsEmpty);

    [Fact]
    public void Hostile_input_is_bounded()
    {
        var deep = string.Join('.', Enumerable.Repeat("a", 1000));
        var wide = string.Join(',', Enumerable.Range(0, 10_000).Select(i => "p" + i));
        var tree = Expansion.Parse(deep + "," + wide);
        var depth = 0;
        for (var node = tree; node.Has("a"); node = node["a"]) depth++;
        Assert.True(depth <= 8);
        Assert.False(tree.Has("p9999"));
    }

    [Fact]
    public void With_adds_a_default_expansion() =>
        Assert.True(Expansion.Parse("a").With("b.c")["b"].Has("c"));
}
