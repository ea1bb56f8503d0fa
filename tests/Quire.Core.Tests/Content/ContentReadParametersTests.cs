using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Quire.Storage.Spaces;
using Quire.Storage.Visibility;

namespace Quire.Core.Tests.Content;

/// <summary>
/// The single-content read binds its parameters itself (<see cref="ReadRule.OneRowParameters.AddTo"/>) rather than
/// through Dapper: each must reach the statement as the same value of the same type as Dapper binds it, the groups as
/// the one JSON array SQLite's <c>json_each</c> reads.
/// </summary>
public sealed class ContentReadParametersTests
{
    private const string Sql = "SELECT @id, @viewerId, @viewerGroups, @viewerAnonymous, @pending, typeof(@id), typeof(@viewerGroups), typeof(@viewerAnonymous)";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_read_binds_what_Dapper_binds(bool anonymousGrantsApply)
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var parameters = ReadRule.ForOneRow(Viewer.Of(7, ["site-admins", "a \"quoted\" group", "\u00e9quipe"], anonymousGrantsApply), 42);

        object[] byDapper;
        await using (var reader = await connection.ExecuteReaderAsync(Sql, parameters)) byDapper = await RowAsync(reader);

        object[] byHand;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = Sql;
            parameters.AddTo(command);
            await using var reader = await command.ExecuteReaderAsync();
            byHand = await RowAsync(reader);
        }

        Assert.Equal(byDapper, byHand);
        Assert.Equal(42L, byHand[0]);
        Assert.StartsWith("[\"site-admins\",\"a \\u0022quoted\\u0022 group\",\"\\u00E9quipe\"", (string)byHand[2]);
        Assert.Equal(["integer", "text", "integer"], byHand[5..]);
    }

    private static async Task<object[]> RowAsync(DbDataReader reader)
    {
        Assert.True(await reader.ReadAsync());
        var values = new object[reader.FieldCount];
        reader.GetValues(values);
        return values;
    }
}
