using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using VsphereK8sStorage.TestSupport;
using VsphereK8sStorage.TestSupport.Peers;

namespace VsphereK8sStorage.PowerShell.Tests.TestSupport;

/// <summary>
/// A real PowerShell 7.6 runspace, hosted in the test process, with the staged module
/// (out/module/VsphereK8sStorage, as `dotnet build` leaves it) imported: cmdlets run through PowerShell's own
/// parameter binder, pipeline, error handling, ShouldProcess and formatting.
/// </summary>
/// <remarks>
/// <para>How to test a new cmdlet (one file per cmdlet or domain in this project, e.g. NewVmdkDiskTests.cs):</para>
/// <code>
/// public sealed class NewVmdkDiskTests : IClassFixture&lt;ModuleSession&gt;
/// {
///     private readonly ModuleSession session;
///     public NewVmdkDiskTests(ModuleSession session) => this.session = session;
///
///     [Fact]
///     public void A_missing_datastore_is_an_ObjectNotFound_error()
///     {
///         var run = session.Run("New-VmdkDisk -Server $server -Path '[nope] a.vmdk' -SizeGB 1",
///             new Dictionary&lt;string, object?&gt; { ["server"] = vcsim.Url });
///         run.AssertSingleError("DatastoreNotFound,VsphereK8sStorage.PowerShell.Commands.NewVmdkDiskCommand", ErrorCategory.ObjectNotFound, "nope");
///     }
/// }
/// </code>
/// <list type="bullet">
/// <item>Write the call as a user would type it; pass values (paths, URLs, PSCredentials) as variables rather than
/// pasting them into the script, so quoting never matters.</item>
/// <item><see cref="PowerShellRun"/> holds every stream: Output, Errors (non-terminating), Terminating (the error
/// that stopped the pipeline, for example under -ErrorAction Stop), Warnings, Verbose (pass -Verbose), Progress,
/// Information, and HostLines (what went to the host, such as "What if:" lines).</item>
/// <item>Assert error records on FullyQualifiedErrorId ("&lt;ErrorId&gt;,&lt;cmdlet class&gt;"), category and TargetObject,
/// not on message text; check every bad input once plainly and once under -ErrorAction Stop.</item>
/// <item>State-changing cmdlets: register a -WhatIf invocation in <see cref="ShouldProcessCases"/>; the convention
/// tests then run it with -WhatIf and with -Confirm answered No.</item>
/// <item>Each test class gets its own session (IClassFixture), so classes run in parallel; tests in one class share
/// the runspace, so do not leave variables or locations behind that another test would trip on.</item>
/// <item>Tests that need a peer (vcsim, kube-apiserver) follow the contract: fail when CI is "true" and the peer is
/// missing, else skip saying which tests/peers/install-*.sh installs it.</item>
/// </list>
/// </remarks>
public sealed class ModuleSession : IDisposable
{
    private readonly RecordingHost host = new();
    private readonly Runspace runspace;

    public ModuleSession()
    {
        if (!File.Exists(RepoPaths.StagedManifest))
        {
            throw new InvalidOperationException($"{RepoPaths.StagedManifest} is missing: build src/VsphereK8sStorage (dotnet build -c Release) to stage the module.");
        }

        // CreateDefault2 loads only the engine's own commands, as `pwsh -NoProfile` starts. No execution policy is set:
        // that throws PlatformNotSupportedException on Linux, and binary modules are not subject to it anyway.
        runspace = RunspaceFactory.CreateRunspace(host, InitialSessionState.CreateDefault2());
        runspace.Open();
        Import = Run("Import-Module -Name $manifest -PassThru -ErrorAction Stop", new Dictionary<string, object?> { ["manifest"] = RepoPaths.StagedManifest });
        if (Import.Terminating is not null || Import.Errors.Count > 0 || Import.Output.Count != 1)
        {
            throw new InvalidOperationException($"Import-Module {RepoPaths.StagedManifest} failed: {Import.Describe()}");
        }
    }

    /// <summary>What Import-Module wrote: the PSModuleInfo, and any warning (for example about unapproved verbs).</summary>
    public PowerShellRun Import { get; }

    public PSModuleInfo Module => (PSModuleInfo)Import.Output[0].BaseObject;

    /// <summary>What the host answers when a cmdlet asks for confirmation (-Confirm). Default: No.</summary>
    public bool ConfirmAnswer { get => host.ConfirmAnswer; set => host.ConfirmAnswer = value; }

    /// <summary>
    /// Runs a script in the session and returns everything it wrote. A terminating error does not throw: it is
    /// returned in <see cref="PowerShellRun.Terminating"/>.
    /// </summary>
    public PowerShellRun Run(string script, IReadOnlyDictionary<string, object?>? variables = null)
    {
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
        {
            runspace.SessionStateProxy.SetVariable(name, value);
        }

        host.Clear();
        using var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript(script);
        var output = new List<PSObject>();
        ErrorRecord? terminating = null;
        try
        {
            output.AddRange(shell.Invoke());
        }
        catch (RuntimeException ex)
        {
            terminating = ex.ErrorRecord;
        }

        return new PowerShellRun(
            output,
            shell.Streams.Error.ToList(),
            terminating,
            shell.Streams.Warning.ToList(),
            shell.Streams.Verbose.ToList(),
            shell.Streams.Progress.ToList(),
            shell.Streams.Information.ToList(),
            host.Lines.ToList(),
            host.Prompts.ToList());
    }

    /// <summary>What the host's console received (warnings written past a stopped pipeline land here).</summary>
    public IReadOnlyList<string> HostLines => host.Lines.ToList();

    /// <summary>
    /// Starts a script in the session without waiting: what it writes arrives in <paramref name="output"/> as it is
    /// written, and the caller can stop it (<c>Stop()</c>, as Ctrl+C does) mid-run. The caller disposes the shell.
    /// </summary>
    public (System.Management.Automation.PowerShell Shell, IAsyncResult Running) Begin(string script, IReadOnlyDictionary<string, object?> variables, PSDataCollection<PSObject> output)
    {
        foreach (var (name, value) in variables)
        {
            runspace.SessionStateProxy.SetVariable(name, value);
        }

        host.Clear();
        var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript(script);
        return (shell, shell.BeginInvoke<PSObject, PSObject>(null, output));
    }

    public void Dispose() => runspace.Dispose();
}
