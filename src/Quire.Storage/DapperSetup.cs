using System.Runtime.CompilerServices;

namespace Quire.Storage;

internal static class DapperSetup
{
    /// <summary>Maps snake_case columns onto PascalCase properties for every store; binds arrays as one parameter.</summary>
#pragma warning disable CA2255 // a library-wide Dapper setting that must hold before any store runs
    [ModuleInitializer]
    internal static void Configure()
    {
        Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
        // Arrays are one parameter on both engines (lists of ids, of group names).
        Dapper.SqlMapper.AddTypeHandler(ArrayParameterHandler<long>.Instance);
        // Columns of many rows (SqlDialect.ArrayColumns) may hold nulls.
        Dapper.SqlMapper.AddTypeHandler(ArrayParameterHandler<long?>.Instance);
        Dapper.SqlMapper.AddTypeHandler(ArrayParameterHandler<int>.Instance);
        Dapper.SqlMapper.AddTypeHandler(ArrayParameterHandler<string>.Instance);
    }
#pragma warning restore CA2255
}
