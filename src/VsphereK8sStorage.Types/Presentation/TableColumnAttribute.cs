namespace VsphereK8sStorage.Presentation;

/// <summary>
/// Marks a result property as a column of vk8s's table view (kubectl style: upper-case header, in
/// ascending Order). JSON and YAML carry every public property; the table only these.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TableColumnAttribute : Attribute
{
    public TableColumnAttribute(string header, int order)
    {
        Header = header;
        Order = order;
    }

    public string Header { get; }

    public int Order { get; }
}
