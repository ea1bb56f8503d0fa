using Quire.Core.Apps;
using Quire.Core.Security;
using Quire.Server.Http;
using Quire.Storage;
using Quire.Storage.Users;

namespace Quire.Core.Tests;

/// <summary>
/// On SQLite every write of the process runs on the writer's connection and is counted around its COMMIT
/// (<c>CommitSequence</c>), and <see cref="RenderedAnswerCache"/> keeps an answer only while that count has not moved: a
/// write that slipped past the count would leave stale answers, so the session's pooled connections refuse writes and a
/// query that writes goes to the writer. On PostgreSQL the count also takes the commits other nodes announce, and a
/// statement outside a transaction is counted when its text may write (the engine-level half is in the API tests'
/// <c>RenderedAnswerCacheTests</c>, which need a cluster).
/// </summary>
public sealed class CommitSequenceTests
{
    [Fact]
    public async Task A_query_that_writes_outside_a_transaction_runs_on_the_writer_and_is_counted()
    {
        await using var sqlite = await MigratedSqliteDatabase.CreateAsync("commits-query");
        var commits = sqlite.Database.Commits!;
        await using var session = new DbSession(sqlite.Database);
        await session.ExecuteAsync("CREATE TABLE probe (id INTEGER PRIMARY KEY, v INTEGER)");

        var before = commits.Current;
        var id = await session.ExecuteScalarAsync<long>("INSERT INTO probe (v) VALUES (1) RETURNING id");
        var rows = await session.QueryAsync<long>("INSERT INTO probe (v) VALUES (2), (3) RETURNING id");
        var single = await session.QuerySingleOrDefaultAsync<long>("UPDATE probe SET v = 4 WHERE id = @id RETURNING v", new { id });

        Assert.Equal(CommitSequence.Ended(before) + 3, CommitSequence.Ended(commits.Current));
        Assert.True(CommitSequence.IsSettled(commits.Current));
        Assert.Equal(2, rows.Count);
        Assert.Equal(4, single);
        Assert.Equal(3L, await session.ExecuteScalarAsync<long>("SELECT count(*) FROM probe"));
        Assert.Equal(CommitSequence.Ended(before) + 3, CommitSequence.Ended(commits.Current)); // reads commit nothing
    }

    [Fact]
    public async Task A_query_mapping_several_records_that_writes_runs_on_the_writer_too()
    {
        await using var sqlite = await MigratedSqliteDatabase.CreateAsync("commits-multimap");
        var commits = sqlite.Database.Commits!;
        await using var session = new DbSession(sqlite.Database);
        await session.ExecuteAsync("CREATE TABLE probe (id INTEGER PRIMARY KEY, v INTEGER)");

        var before = commits.Current;
        var rows = await session.QueryAsync<long, long, (long Id, long V)>(
            "WITH n(x) AS (SELECT 5) INSERT INTO probe (v) SELECT x FROM n RETURNING id, v", (id, v) => (id, v), splitOn: "v");

        Assert.Equal(5, Assert.Single(rows).V);
        Assert.Equal(CommitSequence.Ended(before) + 1, CommitSequence.Ended(commits.Current));
    }

    [Fact]
    public void A_callers_answer_key_changes_with_anything_that_decides_what_they_may_read()
    {
        var user = new UserRecord { Id = 7, AccountId = "a7", UserName = "u7", Email = "u7@example.test", DisplayName = "U" };
        Caller As(IEnumerable<string> groups, bool admin = false, bool anonymousGrants = false, UserRecord? who = null) =>
            new(who ?? user, groups.ToHashSet(), admin, canUse: true, anonymousGrantsApply: anonymousGrants);
        var member = As(["g1", "g2"]);

        Assert.Equal(member.ViewerFacts, As(["g2", "g1"]).ViewerFacts);
        Assert.NotEqual(member.ViewerFacts, As(["g1"]).ViewerFacts);
        Assert.NotEqual(member.ViewerFacts, As(["g1", "g2"], admin: true).ViewerFacts);
        Assert.NotEqual(member.ViewerFacts, As(["g1", "g2"], anonymousGrants: true).ViewerFacts);
        Assert.NotEqual(member.ViewerFacts, As(["g1", "g2"], who: new UserRecord
        {
            Id = 7, AccountId = "a7", UserName = "u7", Email = "u7@example.test", DisplayName = "U", TimeZone = "Europe/Paris",
        }).ViewerFacts);
        Assert.NotEqual(member.ViewerFacts, As(["g1", "g2"], who: new UserRecord
        {
            Id = 8, AccountId = "a8", UserName = "u8", Email = "u8@example.test", DisplayName = "U",
        }).ViewerFacts);
        Assert.NotEqual(member.ViewerFacts, member.ThroughApp(new AppAccess(AppKind.OAuth, "app", new HashSet<string>())).ViewerFacts);
        Assert.NotEqual(
            member.ThroughApp(new AppAccess(AppKind.OAuth, "app", new HashSet<string>())).ViewerFacts,
            member.ThroughApp(new AppAccess(AppKind.Connect, "app", new HashSet<string>())).ViewerFacts);
    }

    [Fact]
    public async Task The_sessions_pooled_connections_refuse_writes()
    {
        await using var sqlite = await MigratedSqliteDatabase.CreateAsync("commits-readonly");
        await using var session = new DbSession(sqlite.Database);

        Assert.Equal(1L, await session.ExecuteScalarAsync<long>("PRAGMA query_only"));
        await session.InTransactionAsync(async () => Assert.Equal(0L, await session.ExecuteScalarAsync<long>("PRAGMA query_only")));
    }

    [Fact]
    public async Task A_kept_answer_ends_with_the_next_commit_of_any_write()
    {
        await using var sqlite = await MigratedSqliteDatabase.CreateAsync("commits-answer");
        using var cache = new RenderedAnswerCache(sqlite.Database, TimeProvider.System, new RenderedAnswerOptions { LifetimeMilliseconds = 60_000 });
        await using var session = new DbSession(sqlite.Database);
        await session.ExecuteAsync("CREATE TABLE probe (x INTEGER)");
        var key = new AnswerKey("viewer", "http://site/wiki", "/wiki/rest/api/content/1");

        var readUnder = cache.BeginRead()!.Value;
        cache.Keep(key, readUnder, [1, 2, 3], contentId: 1, latest: true);
        Assert.Equal([1, 2, 3], cache.Find(key)!.Json);

        await session.ExecuteAsync("INSERT INTO probe VALUES (1)");
        Assert.Null(cache.Find(key));
    }

    [Fact]
    public async Task An_answer_read_across_a_commit_is_not_kept()
    {
        await using var sqlite = await MigratedSqliteDatabase.CreateAsync("commits-across");
        using var cache = new RenderedAnswerCache(sqlite.Database, TimeProvider.System, new RenderedAnswerOptions { LifetimeMilliseconds = 60_000 });
        await using var session = new DbSession(sqlite.Database);
        await session.ExecuteAsync("CREATE TABLE probe (x INTEGER)");
        var key = new AnswerKey("viewer", "http://site/wiki", "/wiki/rest/api/content/1");

        var readUnder = cache.BeginRead()!.Value;
        await session.InTransactionAsync(() => session.ExecuteAsync("INSERT INTO probe VALUES (1)"));
        cache.Keep(key, readUnder, [1], contentId: 1, latest: true);

        Assert.Null(cache.Find(key));
    }

    [Fact]
    public async Task A_kept_answer_ends_with_its_lifetime_and_the_cache_can_be_turned_off()
    {
        await using var sqlite = await MigratedSqliteDatabase.CreateAsync("commits-lifetime");
        var clock = new ManualClock();
        using var cache = new RenderedAnswerCache(sqlite.Database, clock, new RenderedAnswerOptions { LifetimeMilliseconds = 1000 });
        var key = new AnswerKey("viewer", "http://site/wiki", "/wiki/rest/api/content/1");

        cache.Keep(key, cache.BeginRead()!.Value, [1], contentId: 1, latest: true);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.NotNull(cache.Find(key));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(cache.Find(key));

        using var off = new RenderedAnswerCache(sqlite.Database, clock, new RenderedAnswerOptions { LifetimeMilliseconds = 0 });
        Assert.False(off.Enabled);
        Assert.Null(off.BeginRead());
        Assert.Throws<InvalidOperationException>(() => new RenderedAnswerOptions { LifetimeMilliseconds = -1 }.Validated());
    }

    [Fact]
    public void Overlapping_commits_keep_the_count_unsettled_until_the_last_ends_and_each_moves_it()
    {
        var commits = new CommitSequence();
        var start = commits.Current;
        Assert.True(CommitSequence.IsSettled(start));

        commits.BeginCommit();
        commits.BeginCommit();
        commits.EndCommit();
        Assert.False(CommitSequence.IsSettled(commits.Current)); // one of the two still under way
        commits.EndCommit();

        Assert.True(CommitSequence.IsSettled(commits.Current));
        Assert.Equal(CommitSequence.Ended(start) + 2, CommitSequence.Ended(commits.Current));
        var settled = commits.Current;
        commits.CommittedElsewhere();
        Assert.NotEqual(settled, commits.Current);
        Assert.True(CommitSequence.IsSettled(commits.Current));
    }

    [Fact]
    public void A_count_that_must_hear_other_committers_is_unsettled_while_it_cannot()
    {
        var commits = new CommitSequence(othersCommit: true);
        Assert.False(CommitSequence.IsSettled(commits.Current));

        commits.StartsHearing();
        commits.StartsHearing(); // a second start changes nothing
        Assert.True(CommitSequence.IsSettled(commits.Current));
        var heard = commits.Current;

        commits.StopsHearing();
        commits.StopsHearing();
        Assert.False(CommitSequence.IsSettled(commits.Current));
        commits.StartsHearing();
        Assert.True(CommitSequence.IsSettled(commits.Current));
        Assert.NotEqual(heard, commits.Current); // what was kept before the gap is not found after it
    }

    [Theory]
    [InlineData("SELECT id FROM content WHERE id = @id", false)]
    [InlineData("  select updated_at, last_updated FROM content", false)]
    [InlineData("SET plan_cache_mode = force_custom_plan", false)]
    [InlineData("RESET plan_cache_mode", false)]
    [InlineData("NOTIFY quire_sign_in", false)]
    [InlineData("WITH r AS (SELECT 1) SELECT * FROM r", false)]
    [InlineData("INSERT INTO content_views (content_id) VALUES (1)", true)]
    [InlineData("UPDATE content SET title = @t", true)]
    [InlineData("DELETE FROM labels", true)]
    [InlineData("WITH gone AS (DELETE FROM labels RETURNING id) SELECT count(*) FROM gone", true)]
    [InlineData("SELECT 1; DELETE FROM labels", true)]
    [InlineData("SET plan_cache_mode = force_custom_plan; SET jit = off", false)]
    [InlineData("RESET plan_cache_mode; RESET jit;", false)]
    [InlineData("SELECT 'a;b' FROM labels", true)] // a literal's ';' errs towards a write
    [InlineData("SELECTED", true)]
    [InlineData("CALL something()", true)]
    public void PostgreSQL_statements_that_may_write_are_told_from_their_text(string sql, bool writes) =>
        Assert.Equal(writes, Quire.Storage.Dialects.PostgresWrites.Writes(sql));

    [Fact]
    public void The_searches_plan_settings_on_PostgreSQL_are_not_counted_as_commits()
    {
        var plans = Quire.Storage.Dialects.SqlDialect.Postgres.ValuePlans!.Value;
        Assert.False(Quire.Storage.Dialects.PostgresWrites.Writes(plans.Set));
        Assert.False(Quire.Storage.Dialects.PostgresWrites.Writes(plans.Reset));
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = 1;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => _ticks;
        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
