using System.Collections;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Kubernetes;
using VsphereK8sStorage.Kubernetes.Client;
using VsphereK8sStorage.PowerShell.Completers;

namespace VsphereK8sStorage.PowerShell.Hosting;

/// <summary>
/// Base of the New-K8s* cmdlets: -Name, -Offline, -Force and -Label, declared once so their names and meaning cannot
/// drift apart (vk8s's twins share theirs through KubernetesCliOptions), and how a result is written.
/// </summary>
public abstract class NewK8sObjectCmdlet : KubernetesCmdlet
{
    /// <summary>The object's name (a DNS subdomain; a claim's name is also a namespace member).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = null!;

    /// <summary>Write the object as YAML instead of sending it; no cluster is contacted.</summary>
    [Parameter]
    public SwitchParameter Offline { get; set; }

    /// <summary>Take over fields that other field managers (kubectl, controllers) set to other values.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Labels, such as @{ tier = 'db' }.</summary>
    [Parameter]
    public Hashtable? Label { get; set; }

    /// <summary>The session the object is applied through; none with -Offline.</summary>
    protected KubernetesSession? TargetSession => Offline ? null : Session;

    /// <summary>-Label as the core takes it: keys and values as strings.</summary>
    protected IReadOnlyDictionary<string, string>? Labels
    {
        get
        {
            if (Label is null)
            {
                return null;
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in Label)
            {
                labels[LanguagePrimitives.ConvertTo<string>(entry.Key)] = entry.Value is null ? string.Empty : LanguagePrimitives.ConvertTo<string>(entry.Value);
            }

            return labels;
        }
    }

    /// <summary>Runs the operation for this pipeline item and writes the object, or with -Offline its YAML; nothing after -WhatIf.</summary>
    /// <remarks>
    /// T is constrained to class, not to the core's KubernetesObjectResult: a constraint naming a core type makes
    /// the runtime load the core while PowerShell lists this assembly's types, before the module's load context exists.
    /// </remarks>
    protected void Apply<T>(Func<IOperationHost, CancellationToken, Task<T?>> operation)
        where T : class
    {
        if (RunItem(operation) is KubernetesObjectResult result)
        {
            WriteObject(Offline ? result.ToManifest() : result);
        }
    }
}

/// <summary>Base of New-K8sPersistentVolume and New-K8sPersistentVolumeClaim: -AccessMode and -VolumeMode too.</summary>
public abstract class NewK8sVolumeObjectCmdlet : NewK8sObjectCmdlet
{
    /// <summary>ReadWriteOnce (the default), ReadOnlyMany, ReadWriteMany or ReadWriteOncePod.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(AccessModeCompleter))]
    public string[]? AccessMode { get; set; }

    [Parameter]
    [ValidateSet(nameof(VsphereK8sStorage.Kubernetes.VolumeMode.Filesystem), nameof(VsphereK8sStorage.Kubernetes.VolumeMode.Block))]
    public string? VolumeMode { get; set; }

    /// <summary>-AccessMode as the core takes it: empty when not given.</summary>
    protected IReadOnlyList<string> AccessModes => AccessMode ?? Array.Empty<string>();
}
