namespace Berth.Index.Data;

public enum NamespaceKind
{
    User,
    Organization,
}
