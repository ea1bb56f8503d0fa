using Quire.Core.Classification;
using Quire.Core.Errors;

namespace Quire.Core.Tests.Classification;

public sealed class ClassificationLevelRulesTests
{
    [Theory]
    [InlineData("red", "RED")]
    [InlineData(" Red_Bold ", "RED_BOLD")]
    [InlineData("LIME", "LIME")]
    public void Colours_are_the_specs_in_its_case(string given, string stored) => Assert.Equal(stored, ClassificationLevelRules.Color(given));

    [Theory]
    [InlineData("PINK")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("#ff0000")]
    public void Other_colours_are_refused(string? given) => Assert.Throws<BadRequestException>(() => ClassificationLevelRules.Color(given));

    [Theory]
    [InlineData("DRAFT", "PUBLISHED", true)]
    [InlineData("PUBLISHED", "ARCHIVED", true)]
    [InlineData("ARCHIVED", "PUBLISHED", true)]
    [InlineData("DRAFT", "DRAFT", true)]
    [InlineData("PUBLISHED", "DRAFT", false)]
    [InlineData("ARCHIVED", "DRAFT", false)]
    public void A_level_once_published_never_becomes_a_draft_again(string from, string to, bool allowed)
    {
        if (allowed) ClassificationLevelRules.RequireTransition(from, to);
        else Assert.Throws<BadRequestException>(() => ClassificationLevelRules.RequireTransition(from, to));
    }

    [Fact]
    public void Names_are_trimmed_and_bounded_and_blank_texts_are_none()
    {
        Assert.Equal("Secret", ClassificationLevelRules.Name("  Secret "));
        Assert.Throws<BadRequestException>(() => ClassificationLevelRules.Name(" "));
        Assert.Throws<BadRequestException>(() => ClassificationLevelRules.Name(new string('n', ClassificationLevelRules.MaxNameLength + 1)));
        Assert.Null(ClassificationLevelRules.Text("   ", "description"));
        Assert.Throws<BadRequestException>(() => ClassificationLevelRules.Text(new string('d', ClassificationLevelRules.MaxTextLength + 1), "description"));
    }
}
