using System.Xml.Linq;
using VsphereK8sStorage.Vsphere.Property;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Vsphere.Managed;

/// <summary>The Task properties the task waiter polls, declared once, and a typed view of one poll.</summary>
internal sealed record TaskInfoMo
{
    public const string Type = "Task";
    public const string Info = "info";
    public const string State = "info.state";
    public const string Error = "info.error";
    public const string Result = "info.result";

    public static readonly PropertySpec Outcome = new(Type, new[] { State, Error, Result });

    public required ManagedObjectReference Self { get; init; }

    public TaskInfoState TaskState { get; init; }

    /// <summary>The fault of a task in state error, or why its state could not be read.</summary>
    public VsphereFault? Fault { get; init; }

    /// <summary>What a successful task returned, for the object layer to read (<see cref="Objects.TaskWaiter"/>).</summary>
    public XElement? ResultValue { get; init; }

    /// <summary>Why <see cref="State"/> could not be read (vSphere's missingSet), or null.</summary>
    public VsphereFault? Unreadable { get; init; }

    public static TaskInfoMo From(ObjectContent content) => new()
    {
        Self = content.Obj,
        TaskState = VimEnum.TaskState(content.Text(State)),
        Fault = content[Error] is { } error ? VsphereFault.FromLocalizedMethodFault(error) : null,
        ResultValue = content[Result],
        Unreadable = content.Missing.TryGetValue(State, out var missing) || content.Missing.TryGetValue(Info, out missing) ? missing : null,
    };
}
