using System.Runtime.CompilerServices;

namespace Quire.Storage;

internal static class DapperSetup
{
    /// <summary>Maps snake_case columns onto PascalCase properties for every store.</summary>
#pragma warning disable CA2255 // a library-wide Dapper setting that must hold before any store runs
    [ModuleInitializer]
    internal static void Configure() => Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
#pragma warning restore CA2255
}
