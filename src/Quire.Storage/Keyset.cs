namespace Quire.Storage;

/// <summary>
/// Where a keyset walk stopped: the last row's sort value (invariant text; null when the
/// listing is ordered by id alone) and its id, which breaks ties. The next page starts after it,
/// so rows added or removed behind the walk never shift what follows, as an offset would.
/// </summary>
public sealed record Keyset(string? Value, long Id);
