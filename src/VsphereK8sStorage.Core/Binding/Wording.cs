using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Binding;

/// <summary>Phrases that several explanations share, so the controller's and scheduler's words are written once.</summary>
internal static class Wording
{
    /// <summary>The scheduler's reason when no volume fits a pod's claim on a node (its FailedScheduling event on the pod).</summary>
    public const string SchedulerFoundNoVolume = "node(s) didn't find available persistent volumes to bind";

    /// <summary>The scheduler's reason when a bound claim's volume cannot be reached from a node.</summary>
    public const string SchedulerNodeConflict = "node(s) had volume node affinity conflict";

    /// <summary>Access modes as kubectl prints them ("RWO,ROX"), named once per set rather than once per claim.</summary>
    public static string Short(AccessModes modes) => ShortNames[(int)modes & 15];

    private static readonly string[] ShortNames = AccessModeSets.Each(modes => modes.ToShortString());

    public static string ClassPhrase(string storageClass) =>
        storageClass.Length == 0 ? "without a class" : $"of class '{storageClass}'";

    public static string ScheduledOn(string node) => $"the scheduler chose node {node} ({WellKnown.SelectedNodeAnnotation})";
}
