namespace VsphereK8sStorage.Vsphere.Managed;

/// <summary>vim25's VirtualMachinePowerState (<c>runtime.powerState</c>); <see cref="Unknown"/> when vCenter gave none.</summary>
internal enum VirtualMachinePowerState
{
    Unknown,
    PoweredOff,
    PoweredOn,
    Suspended,
}

/// <summary>vim25's TaskInfoState (<c>info.state</c>); <see cref="Unknown"/> when the task's state could not be read.</summary>
internal enum TaskInfoState
{
    Unknown,
    Queued,
    Running,
    Success,
    Error,
}

/// <summary>The wire spelling of vSphere's enums: camelCase member names.</summary>
internal static class VimEnum
{
    public static VirtualMachinePowerState PowerState(string? text) => Parse(text, VirtualMachinePowerState.Unknown);

    public static TaskInfoState TaskState(string? text) => Parse(text, TaskInfoState.Unknown);

    /// <summary>As vCenter spells it (<c>poweredOn</c>); <c>unknown</c> for <see cref="VirtualMachinePowerState.Unknown"/>.</summary>
    public static string ToWire(this VirtualMachinePowerState state) => Camel(state.ToString());

    private static T Parse<T>(string? text, T unknown)
        where T : struct, Enum =>
        text is { Length: > 0 } && char.IsLower(text[0]) && Enum.TryParse<T>(text, ignoreCase: true, out var value) && Camel(value.ToString()) == text ? value : unknown;

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name.Substring(1);
}
