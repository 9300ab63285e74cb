using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.Hosting;

/// <summary>
/// Objects given to a parameter that names something (-Datastore, -VM, -Node, -Name, …). Every result type of the
/// module is one of the types users see and its ToString() is its name; a parameter takes the results of the
/// kinds it names (as their names) and refuses any other result with one message that names the input and the fix,
/// so a VM never becomes a datastore's name by accident.
/// </summary>
public static class ObjectArgument
{
    private static readonly Dictionary<Type, (string Kind, string Source)> Kinds = new()
    {
        [typeof(VsphereVm)] = ("VM", "Get-VsphereVm"),
        [typeof(VsphereDatastore)] = ("datastore", "Get-VsphereDatastore"),
        [typeof(VsphereStoragePolicy)] = ("storage policy", "Get-VsphereStoragePolicy"),
        [typeof(VsphereFcd)] = ("first-class disk", "Get-VsphereFcd"),
        [typeof(VsphereVmdk)] = ("VMDK", "New-VsphereVmdk"),
        [typeof(DiskUuidResult)] = ("VM", "Test-DiskUuid"),
        [typeof(NodeTaintResult)] = ("node", "Add-K8sNodeTaint"),
    };

    /// <summary>Whether <paramref name="value"/> is one of the module's result objects (the types users see).</summary>
    public static bool IsResult(object value) => value.GetType().Assembly == typeof(VsphereVm).Assembly && !value.GetType().IsEnum;

    /// <summary>
    /// The error for a result the parameter cannot use: <paramref name="takes"/> are the result types it does take
    /// (none: names only).
    /// </summary>
    public static InvalidParameterException Refusal(string parameter, object value, IReadOnlyCollection<Type> takes)
    {
        var type = value.GetType();
        var given = $"the {type.Name} '{MessageName(value)}'";
        var accepted = takes.Where(Kinds.ContainsKey).Select(t => Kinds[t]).ToList();
        var message = accepted.Count == 0
            ? $"{Param.Name(parameter)} takes names, not objects: it cannot use {given}. Give the names as text ({Param.Name(parameter)} <name>), or pipe the object into a command that takes it."
            : $"{Param.Name(parameter)} takes a {string.Join(" or ", accepted.Select(a => a.Kind).Distinct())} name or what {string.Join(" or ", accepted.Select(a => Param.Command(a.Source)).Distinct())} returns: it cannot use {given}. Pipe {string.Join(" or ", accepted.Select(a => Param.Command(a.Source)).Distinct())} into it, or give a name ({Param.Name(parameter)} <name>).";
        return new InvalidParameterException("ObjectArgumentRefused", parameter, message, value);
    }

    private static string MessageName(object value)
    {
        var name = value.ToString() ?? string.Empty;
        return name.Length <= 80 ? name : name.Substring(0, 77) + "...";
    }
}
