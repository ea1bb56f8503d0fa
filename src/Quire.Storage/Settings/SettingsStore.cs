namespace Quire.Storage.Settings;

public sealed class LookAndFeelRow
{
    public required string Scope { get; init; }
    public long? SpaceId { get; init; }
    public string Selected { get; init; } = "global";
    /// <summary>The custom LookAndFeel as JSON, or null when none was ever set (the defaults apply).</summary>
    public string? Custom { get; init; }
}

/// <summary>Rows of <c>site_settings</c> and <c>look_and_feel</c>.</summary>
public sealed class SettingsStore(DbSession db)
{
    public static string GlobalScope => "global";

    public static string SpaceScope(long spaceId) => "space:" + spaceId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The setting's value, created as <paramref name="initial"/> on first use (the first writer wins).</summary>
    public async Task<string> EnsureAsync(string name, string initial, CancellationToken ct = default)
    {
        await db.ExecuteAsync("INSERT INTO site_settings (name, value) VALUES (@name, @initial) ON CONFLICT DO NOTHING", new { name, initial }, ct);
        return (await db.ExecuteScalarAsync<string>("SELECT value FROM site_settings WHERE name = @name", new { name }, ct))!;
    }

    public Task SetAsync(string name, string value, CancellationToken ct = default) =>
        db.ExecuteAsync(
            "INSERT INTO site_settings (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = @value",
            new { name, value }, ct);

    public Task<LookAndFeelRow?> LookAndFeelAsync(string scope, CancellationToken ct = default) =>
        db.QuerySingleOrDefaultAsync<LookAndFeelRow>(
            "SELECT scope, space_id, selected, custom FROM look_and_feel WHERE scope = @scope", new { scope }, ct);

    public Task SetSelectedAsync(string scope, long? spaceId, string selected, CancellationToken ct = default) =>
        db.ExecuteAsync(
            """
            INSERT INTO look_and_feel (scope, space_id, selected) VALUES (@scope, @spaceId, @selected)
            ON CONFLICT (scope) DO UPDATE SET selected = @selected
            """, new { scope, spaceId, selected }, ct);

    /// <summary>Sets (or with null, clears) the custom settings, keeping the selection.</summary>
    public Task SetCustomAsync(string scope, long? spaceId, string? custom, CancellationToken ct = default) =>
        db.ExecuteAsync(
            """
            INSERT INTO look_and_feel (scope, space_id, custom) VALUES (@scope, @spaceId, @custom)
            ON CONFLICT (scope) DO UPDATE SET custom = @custom
            """, new { scope, spaceId, custom }, ct);
}
