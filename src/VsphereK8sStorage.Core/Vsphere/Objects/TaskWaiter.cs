using System.Xml.Linq;
using VsphereK8sStorage.Vsphere.Managed;
using VsphereK8sStorage.Vsphere.Property;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Vsphere.Objects;

/// <summary>How a vCenter task ended: success with its result, or its fault.</summary>
internal sealed record TaskOutcome(ManagedObjectReference Task, bool Succeeded, XElement? Result, VsphereFault? Fault);

/// <summary>
/// Waits for many tasks at once by batched polling: one PropertyCollector read of every pending task's
/// <c>info.state</c> per round, sooner at first and backing off to a second. Polling keeps no state on the
/// server, so a session renewed mid-wait (the tasks live on) costs nothing; a WaitForUpdatesEx filter would
/// die with the session.
/// </summary>
internal static class TaskWaiter
{
    private static readonly IReadOnlyList<PropertySpec> TaskInfo = new[] { TaskInfoMo.Outcome };

    /// <summary>Rounds in a row a task may be absent from the answer before it counts as lost.</summary>
    private const int AbsentRoundsBeforeLost = 3;

    public static async Task<IReadOnlyDictionary<ManagedObjectReference, TaskOutcome>> WaitAllAsync(
        VsphereConnection connection,
        IReadOnlyCollection<ManagedObjectReference> tasks,
        Action<int, int>? progress,
        CancellationToken ct)
    {
        var outcomes = new Dictionary<ManagedObjectReference, TaskOutcome>();
        var pending = new HashSet<ManagedObjectReference>(tasks);
        var absent = new Dictionary<ManagedObjectReference, int>();
        var delay = TimeSpan.FromMilliseconds(10);
        while (pending.Count > 0)
        {
            var contents = await connection.PropertyCollector.RetrieveObjectsAsync(pending, TaskInfo, ct).ConfigureAwait(false);
            var seen = new HashSet<ManagedObjectReference>();
            foreach (var content in contents)
            {
                seen.Add(content.Obj);
                if (Outcome(TaskInfoMo.From(content)) is { } outcome && pending.Remove(content.Obj))
                {
                    outcomes[content.Obj] = outcome;
                }
            }

            // A real vCenter reports a purged task in missingSet; vcsim leaves it out of the answer.
            foreach (var task in pending.Where(t => !seen.Contains(t)).ToList())
            {
                absent[task] = absent.TryGetValue(task, out var rounds) ? rounds + 1 : 1;
                if (absent[task] >= AbsentRoundsBeforeLost)
                {
                    pending.Remove(task);
                    outcomes[task] = new TaskOutcome(task, false, null, new VsphereFault("ManagedObjectNotFound", "vCenter no longer knows this task; its outcome is unknown.", null));
                }
            }

            progress?.Invoke(outcomes.Count, tasks.Count);
            if (pending.Count > 0)
            {
                await Task.Delay(delay, ct).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(Math.Min(1000, delay.TotalMilliseconds * 2));
            }
        }

        return outcomes;
    }

    /// <summary>Waits for one task; its fault becomes a <see cref="VsphereFaultException"/> whose message starts with <paramref name="what"/>.</summary>
    public static async Task<XElement?> WaitAsync(VsphereConnection connection, ManagedObjectReference task, string what, CancellationToken ct)
    {
        var outcomes = await WaitAllAsync(connection, new[] { task }, null, ct).ConfigureAwait(false);
        var outcome = outcomes[task];
        if (!outcome.Succeeded)
        {
            throw VsphereFaultException.ForCall(outcome.Fault!, what);
        }

        return outcome.Result;
    }

    internal static TaskOutcome? Outcome(TaskInfoMo task) => task.TaskState switch
    {
        TaskInfoState.Success => new TaskOutcome(task.Self, true, task.ResultValue, null),
        TaskInfoState.Error => new TaskOutcome(task.Self, false, null, task.Fault ?? new VsphereFault("SystemError", "the task failed without saying why", null)),
        _ when task.Unreadable is { } missing => new TaskOutcome(task.Self, false, null, missing),
        _ => null, // queued or running
    };
}
