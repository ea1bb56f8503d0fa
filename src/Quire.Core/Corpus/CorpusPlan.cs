namespace Quire.Core.Corpus;

/// <summary>
/// What a benchmark corpus holds: <see cref="Pages"/> pages (homepages not counted) over
/// <see cref="Spaces"/> spaces keyed <see cref="KeyPrefix"/>0, 1, ... Each space is a tree
/// filled breadth first: its homepage has <see cref="Fanout"/> child pages, and so has every page
/// below, except the first space's homepage, which has <see cref="Wide"/> (a wide parent, for
/// deep pages of a children listing). The wide parent's pages come first; the rest are shared
/// evenly among the spaces.
/// </summary>
public sealed record CorpusPlan(int Pages, int Spaces = 4, string KeyPrefix = "GR", int Fanout = 20, int Wide = 6000, int BatchSize = 10_000)
{
    /// <summary>How many pages space <paramref name="space"/> holds.</summary>
    public int PagesIn(int space)
    {
        var wide = Math.Min(Wide, Pages);
        var shared = Pages - wide;
        return shared / Spaces + (space < shared % Spaces ? 1 : 0) + (space == 0 ? wide : 0);
    }

    /// <summary>How many children the homepage of <paramref name="space"/> has before the tree below fans out.</summary>
    public int HomepageChildren(int space) => Math.Min(space == 0 ? Math.Max(Wide, 1) : Fanout, PagesIn(space));

    /// <summary>
    /// Where the <paramref name="k"/>-th page (1-based, breadth first) of a space hangs: its parent's
    /// number (0 for the homepage) and its position among that parent's children.
    /// </summary>
    public (int Parent, int Position) Place(int space, int k)
    {
        var top = HomepageChildren(space);
        if (k <= top) return (0, k - 1);
        var below = k - top - 1;
        return (below / Fanout + 1, below % Fanout);
    }

    public void Check()
    {
        if (Pages < 0 || Spaces < 1 || Fanout < 1 || Wide < 0 || BatchSize < 1)
            throw new Errors.BadRequestException("A corpus needs pages >= 0, spaces >= 1, fanout >= 1, wide >= 0 and batch >= 1.");
    }
}
