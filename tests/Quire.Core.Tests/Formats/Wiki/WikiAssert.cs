using Quire.Core.Formats;
using Quire.Core.Formats.Wiki;

namespace Quire.Core.Tests.Formats.Wiki;

internal static class WikiAssert
{
    /// <summary>The storage of <paramref name="wiki"/>, checked to be storage format Quire accepts.</summary>
    public static string Convert(string wiki)
    {
        var storage = WikiMarkup.ToStorage(wiki);
        var problem = StorageFormat.Validate(storage);
        Assert.True(problem is null, $"{problem?.Message} in: {storage}");
        return storage;
    }

    public static void Converts(string wiki, string expected) => Assert.Equal(expected, Convert(wiki));
}
