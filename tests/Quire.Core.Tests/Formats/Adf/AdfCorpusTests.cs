using Quire.Core.Formats;
using Quire.Core.Formats.Adf;

namespace Quire.Core.Tests.Formats.Adf;

/// <summary>
/// Every node, mark and macro of the corpus survives both round trips (ADF → storage → ADF and
/// storage → ADF → storage) unchanged after <see cref="RoundTrip"/>'s normalisation, and
/// everything produced is valid: ADF against the schema, storage as storage format.
/// </summary>
public sealed class AdfCorpusTests
{
    public static TheoryData<string> AdfDocuments() => [.. RoundTrip.CorpusFiles("json")];
    public static TheoryData<string> StorageDocuments() => [.. RoundTrip.CorpusFiles("xml")];

    [Theory]
    [MemberData(nameof(AdfDocuments))]
    public void Adf_corpus_document_is_valid_and_survives_storage_and_back(string file)
    {
        var adf = File.ReadAllText(RoundTrip.CorpusPath(file));
        Assert.Null(AdfSchema.Validate(RoundTrip.Parse(adf)));

        var storage = AdfToStorage.Convert(adf, TestMediaFiles.Instance);
        Assert.Null(StorageFormat.Validate(storage));
        var back = StorageToAdf.Convert(storage, TestMediaFiles.Instance);

        Assert.Null(AdfSchema.Validate(RoundTrip.Parse(back)));
        Assert.Equal(RoundTrip.NormalAdf(adf), RoundTrip.NormalAdf(back));
    }

    [Theory]
    [MemberData(nameof(StorageDocuments))]
    public void Storage_corpus_document_survives_adf_and_back(string file)
    {
        var storage = File.ReadAllText(RoundTrip.CorpusPath(file));
        var adf = StorageToAdf.Convert(storage, TestMediaFiles.Instance);
        Assert.Null(AdfSchema.Validate(RoundTrip.Parse(adf)));
        Assert.DoesNotContain("\"storage\":\"" + storage.Trim(), adf); // not kept whole as one fragment

        var back = AdfToStorage.Convert(adf, TestMediaFiles.Instance);
        Assert.Equal(RoundTrip.NormalStorage(storage), RoundTrip.NormalStorage(back));
    }
}
