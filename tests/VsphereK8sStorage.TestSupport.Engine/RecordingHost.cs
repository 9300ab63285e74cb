using System.Collections.Generic;
using System.Threading;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.Tests.TestSupport;

/// <summary>A host that records everything the core says (parameters spelled as PowerShell spells them), and the thread it said it on.</summary>
public sealed class RecordingHost : IOperationHost
{
    public List<string> Verbose { get; } = new();

    public List<string> Warnings { get; } = new();

    public List<VsphereK8sException> Errors { get; } = new();

    public List<ProgressReport> Progress { get; } = new();

    public List<(string Target, string Action)> ShouldProcessCalls { get; } = new();

    public HashSet<int> CallingThreads { get; } = new();

    public bool ShouldProcessAnswer { get; set; } = true;

    public void WriteVerbose(string message) => Record(() => Verbose.Add(Param.Render(message, ParameterSyntax.PowerShell)));

    public void WriteDebug(string message) => Record(() => { });

    public void WriteWarning(string message) => Record(() => Warnings.Add(Param.Render(message, ParameterSyntax.PowerShell)));

    public void WriteError(VsphereK8sException error) => Record(() => Errors.Add(error));

    public void WriteProgress(ProgressReport progress) => Record(() => Progress.Add(progress));

    public bool ShouldProcess(string target, string action)
    {
        Record(() => ShouldProcessCalls.Add((Param.Render(target, ParameterSyntax.PowerShell), Param.Render(action, ParameterSyntax.PowerShell))));
        return ShouldProcessAnswer;
    }

    public bool ShouldContinue(string query, string caption) => ShouldProcessAnswer;

    private void Record(System.Action action)
    {
        CallingThreads.Add(Thread.CurrentThread.ManagedThreadId);
        action();
    }
}
