using Dapper;
using Quire.Storage.Dialects;
using Quire.Storage.Spaces;
using Quire.Storage.Visibility;

namespace Quire.Core.Tests.Visibility;

/// <summary>
/// The visibility rule's SQL is the same text for every viewer, so one prepared statement serves
/// every caller: who is looking travels in parameters only.
/// </summary>
public sealed class ReadRuleTests
{
    private static readonly Viewer NoGroups = new(11, []);
    private static readonly Viewer OneGroup = new(12, ["g-1"]);
    private static readonly Viewer FiveGroups = Viewer.Of(13, ["g-1", "g-2", "g-3", "g-4", "g-5"], anonymousGrantsApply: true);

    public static TheoryData<string> Dialects => new() { "sqlite", "postgres" };

    private static SqlDialect Dialect(string name) => name == "postgres" ? SqlDialect.Postgres : SqlDialect.Sqlite;

    /// <summary>Every condition the rule writes, for one viewer, over the usual and some other aliases.</summary>
    private static IReadOnlyList<string> Conditions(SqlDialect dialect, Viewer viewer, DynamicParameters parameters)
    {
        var read = ReadRule.For(dialect).For(viewer, parameters);
        return
        [
            read.Content(ContentRows.Current), read.Content(ContentRows.Drafts), read.Content(ContentRows.AnyStatus),
            read.Content(ContentRows.AnyStatus, "x", "y"), read.Space(), read.Space("sp"), read.Restrictions(), read.Restrictions("a"),
            read.Draft("k"), read.Trash(), read.Container("k"), read.ContainerItself("k"),
        ];
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public void The_condition_text_is_the_same_for_viewers_with_0_1_and_5_groups(string dialectName)
    {
        var dialect = Dialect(dialectName);
        var none = Conditions(dialect, NoGroups, new DynamicParameters());
        var one = Conditions(dialect, OneGroup, new DynamicParameters());
        var five = Conditions(dialect, FiveGroups, new DynamicParameters());

        Assert.Equal(none, one);
        Assert.Equal(none, five);
        Assert.All(five, text => Assert.DoesNotContain("g-", text));
        // Different aliases give different texts (the cache is per alias shape, not one text for all).
        Assert.NotEqual(none[2], none[3]);
        Assert.Contains("x.id", none[3]);
        Assert.Contains("y.pending_deletion", none[3]);
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public void The_viewer_travels_in_parameters_with_its_groups_as_one_array(string dialectName)
    {
        var parameters = new DynamicParameters(new { id = 5L });
        ReadRule.For(Dialect(dialectName)).For(FiveGroups, parameters);

        Assert.Equal(13L, parameters.Get<long>("viewerId"));
        var groups = parameters.Get<string[]>("viewerGroups");
        Assert.Equal(["g-1", "g-2", "g-3", "g-4", "g-5"], groups.Where(g => g != Viewer.AnonymousSubject));
        Assert.True(parameters.Get<bool>("viewerAnonymous"));
        Assert.False(parameters.Get<bool>("pending"));
        var single = new DynamicParameters();
        ReadRule.For(Dialect(dialectName)).For(OneGroup, single);
        Assert.Equal(["g-1"], single.Get<string[]>("viewerGroups"));
        Assert.False(single.Get<bool>("viewerAnonymous"));
    }

    [Theory]
    [MemberData(nameof(Dialects))]
    public void Content_checks_only_what_the_rows_it_may_meet_can_fail(string dialectName)
    {
        var read = ReadRule.For(Dialect(dialectName)).For(NoGroups, new DynamicParameters());

        var current = read.Content(ContentRows.Current);
        Assert.Equal($"{read.Space()} AND {read.Restrictions()}", current);
        Assert.Equal($"{current} AND {read.Draft()}", read.Content(ContentRows.Drafts));
        Assert.Equal($"{current} AND {read.Trash()}", read.Content(ContentRows.Trashed));
        Assert.Equal($"{current} AND {read.Draft()} AND {read.Trash()}", read.Content(ContentRows.AnyStatus));
    }

    [Fact]
    public void A_container_is_checked_with_every_container_above_it_up_to_the_deepest_writes_allow()
    {
        var read = ReadRule.For(SqlDialect.Sqlite).For(NoGroups, new DynamicParameters());
        var container = read.Container("k");

        // A comment on an attachment of custom content in custom content in a page is hidden with each of them: the
        // container itself, then one level up per nested probe, to ReadRule.MaxContainerDepth and no further.
        Assert.StartsWith($"({read.ContainerItself("k")}", container);
        Assert.Contains("k_up2.id = k.container_id", container);
        Assert.Contains("k_up3.id = k_up2.container_id", container);
        Assert.Contains("k_up4.id = k_up3.container_id", container);
        Assert.DoesNotContain("k_up5", container);
        Assert.Equal(4, ReadRule.MaxContainerDepth);
        foreach (var level in new[] { "k_up2", "k_up3", "k_up4" }) Assert.Contains(read.ContainerItself(level), container);
        Assert.Equal($"({read.Draft("k")} AND {read.Trash("k")})", read.ContainerItself("k"));
    }

    [Fact]
    public void Each_engine_gets_its_own_list_syntax()
    {
        var sqlite = ReadRule.For(SqlDialect.Sqlite).For(NoGroups, new DynamicParameters()).Space();
        var postgres = ReadRule.For(SqlDialect.Postgres).For(NoGroups, new DynamicParameters()).Space();

        Assert.Contains(SqlDialect.Sqlite.InList("vp.group_id", "viewerGroups"), sqlite);
        Assert.Contains("vp.group_id = ANY(@viewerGroups)", postgres);
    }

    [Fact]
    public void A_user_named_by_a_row_is_read_from_that_row_not_from_viewer_parameters()
    {
        var parameters = new DynamicParameters();
        var read = ReadRule.For(SqlDialect.Sqlite).ForUserIn("w.user_id", anonymousGrantsApply: true, parameters);

        Assert.Contains("vp.user_id = w.user_id", read.Space());
        Assert.Contains("gm.user_id = w.user_id", read.Content());
        Assert.Contains("c.created_by = w.user_id", read.Content());
        Assert.DoesNotContain("@viewer", read.Space() + read.Content());
        Assert.True(parameters.Get<bool>("rowAnonymous"));
    }
}
