namespace Quire.Storage.Visibility;

/// <summary>The pieces of the visibility rule, each one condition text per alias shape (see <see cref="ReadRule"/>).</summary>
internal enum ReadPart { Space, Restrictions, Draft, Trash, ContainerItself, Container, Content, UserSpace, UserSpaceGrant, UserContent }
