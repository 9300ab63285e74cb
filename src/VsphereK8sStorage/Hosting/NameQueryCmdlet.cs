using System.Collections;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.PowerShell.Hosting;

/// <summary>
/// The read-only vSphere cmdlets that take names with wildcards (-Name, also from the pipeline), gather them across
/// the pipeline and answer with one read at the end. Each declares its own -Name (<see cref="Names"/>), because
/// what else its pipeline takes decides which objects -Name leaves to other parameters. Not generic on purpose: a
/// base type instantiated over an engine type would make PowerShell load the engine before the module's load
/// context is set up.
/// </summary>
public abstract class NameQueryCmdlet : VsphereCmdlet
{
    private readonly List<string> names = new();

    /// <summary>The -Name of this record: names, with wildcards; everything when left out.</summary>
    protected abstract string[]? Names { get; }

    protected override void ProcessRecord() => names.AddRange(Names ?? System.Array.Empty<string>());

    /// <summary>Whether the command was given something to select by other than -Name.</summary>
    protected virtual bool HasOtherSelection => false;

    protected override void EndProcessing()
    {
        if (InputWasRefused && names.Count == 0 && !HasOtherSelection)
        {
            return;
        }

        WriteVsphereResults((connection, host, ct) => QueryAsync(connection, names, host, ct));
    }

    /// <summary>The core operation's results for these names.</summary>
    protected abstract Task<IEnumerable> QueryAsync(VsphereConnection connection, IReadOnlyList<string> names, IOperationHost host, CancellationToken ct);
}
