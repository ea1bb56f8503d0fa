namespace Quire.Core.Formats.Wiki;

/// <summary>
/// The next position at or after a given one where a test holds, remembering its last answer.
/// The inline parser asks while moving forward through the text, so each character is tested
/// once in all: searching afresh from every opener (a line of 5 MB of <c>*</c> or <c>[</c>) would
/// cost the square of the text's length.
/// </summary>
internal sealed class ForwardFinder(string text, Func<string, int, bool> isMatch)
{
    /// <summary>The answer when nothing matches up to the end of the text.</summary>
    public const int None = int.MaxValue;

    private int _asked = -1;
    private int _found = None;

    public int Next(int from)
    {
        // Nothing matched in [_asked, _found), so for any later start up to _found the answer stands.
        if (_asked >= 0 && from >= _asked && from <= _found)
        {
            _asked = from;
            return _found;
        }
        var at = from;
        while (at < text.Length && !isMatch(text, at)) at++;
        _asked = from;
        _found = at < text.Length ? at : None;
        return _found;
    }
}
