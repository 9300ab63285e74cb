using System.Collections;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using VsphereK8sStorage.PowerShell.Hosting;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.PowerShell.Completers;

/// <summary>
/// Completes VM, datastore and storage-policy names from the connections the command would use: -Server's
/// connections when the command line has them, else the default connections ($DefaultVsphereServers). Which
/// kind comes from the parameter (-VM, -Datastore, -StoragePolicyName) or, for -Name, from the command.
/// </summary>
public sealed class VsphereNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        if (Kind(commandName, parameterName) is not { } kind)
        {
            return Array.Empty<CompletionResult>();
        }

        var connections = Connections(fakeBoundParameters);
        return VsphereNameCompletion.Names(connections, kind, CompletionText.Unquote(wordToComplete)).Select(CompletionText.Result);
    }

    private static VsphereNameKind? Kind(string command, string parameter) => parameter switch
    {
        "VM" => VsphereNameKind.VirtualMachine,
        "Datastore" => VsphereNameKind.Datastore,
        "StoragePolicyName" => VsphereNameKind.StoragePolicy,
        "Name" when command.EndsWith("VsphereVm", StringComparison.OrdinalIgnoreCase) => VsphereNameKind.VirtualMachine,
        "Name" when command.EndsWith("VsphereDatastore", StringComparison.OrdinalIgnoreCase) => VsphereNameKind.Datastore,
        "Name" when command.EndsWith("VsphereStoragePolicy", StringComparison.OrdinalIgnoreCase) => VsphereNameKind.StoragePolicy,
        _ => null,
    };

    private static IReadOnlyList<VsphereConnection> Connections(IDictionary bound)
    {
        var given = bound.Contains("Server") && bound["Server"] is { } server
            ? LanguagePrimitives.GetEnumerable(server)?.Cast<object?>() ?? new[] { server }
            : Enumerable.Empty<object?>();
        var explicitConnections = given.Select(VsphereCmdlet.Unwrap).OfType<VsphereConnection>().ToList();
        if (explicitConnections.Count > 0)
        {
            return explicitConnections;
        }

        if (Runspace.DefaultRunspace is null)
        {
            return Array.Empty<VsphereConnection>();
        }

        // Completion runs inside the prompt's pipeline; a nested command in the current runspace reads the session's variables.
        using var shell = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
        shell.AddCommand("Get-Variable").AddParameter("Name", new[] { VsphereCmdlet.DefaultServersVariable, VsphereCmdlet.DefaultServerVariable })
            .AddParameter("Scope", "Global").AddParameter("ValueOnly").AddParameter("ErrorAction", "Ignore");
        return shell.Invoke().SelectMany(o => LanguagePrimitives.GetEnumerable(VsphereCmdlet.Unwrap(o))?.Cast<object?>() ?? new[] { (object?)o })
            .Select(VsphereCmdlet.Unwrap).OfType<VsphereConnection>().Distinct().ToList();
    }
}

/// <summary>How a completed name is written on the command line: quoted when PowerShell would read it otherwise.</summary>
internal static class CompletionText
{
    private const string Special = " \t'\"`$(){}[];,&|<>@#*?";

    public static CompletionResult Result(string name)
    {
        var text = name.IndexOfAny(Special.ToCharArray()) >= 0 ? "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'" : name;
        return new CompletionResult(text, name, CompletionResultType.ParameterValue, name);
    }

    public static string Unquote(string word) => word.Trim('\'', '"');
}
