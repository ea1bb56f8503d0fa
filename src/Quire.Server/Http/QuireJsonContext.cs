using System.Text.Json;
using System.Text.Json.Serialization;
using Quire.Server.Api.Content;
using Quire.Server.Api.Space;
using Quire.Server.Api.Users;

namespace Quire.Server.Http;

/// <summary>
/// Serialization metadata generated at build time for the answers of the read path (content,
/// its history and versions, spaces, users, and pages of them), so they are written by generated
/// code rather than metadata built by reflection. The options match <see cref="QuireJson"/>'s,
/// so the names and omitted nulls are the same; every other type keeps reflection's metadata
/// (see <see cref="QuireJson.Configure"/>).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ContentJson))]
[JsonSerializable(typeof(PagedJson<ContentJson>))]
[JsonSerializable(typeof(ContentHistoryJson))]
[JsonSerializable(typeof(SpaceJson))]
// A space's metadata reaches space properties, whose version shape shares content's name.
[JsonSerializable(typeof(Api.SpaceProperties.VersionJson), TypeInfoPropertyName = "SpacePropertyVersionJson")]
[JsonSerializable(typeof(PagedJson<SpaceJson>))]
[JsonSerializable(typeof(UserJson))]
public sealed partial class QuireJsonContext : JsonSerializerContext;
