using System.Xml.Linq;
using VsphereK8sStorage.Text;
using VsphereK8sStorage.Vsphere.Soap;

namespace VsphereK8sStorage.Vsphere.Types;

/// <summary>The part of vim25's ServiceContent we use: the singletons' MoRefs and what the server is.</summary>
internal sealed record ServiceContent
{
    public ManagedObjectReference RootFolder { get; init; }

    public ManagedObjectReference PropertyCollector { get; init; }

    public ManagedObjectReference ViewManager { get; init; }

    public ManagedObjectReference SessionManager { get; init; }

    public ManagedObjectReference? FileManager { get; init; }

    public ManagedObjectReference? VirtualDiskManager { get; init; }

    public ManagedObjectReference? VStorageObjectManager { get; init; }

    public ManagedObjectReference? EventManager { get; init; }
    public ManagedObjectReference? AuthorizationManager { get; init; }

    /// <summary>"VMware vCenter Server 8.0.2 build-22385739".</summary>
    public string FullName { get; init; } = string.Empty;

    public string Version { get; init; } = string.Empty;

    public string Build { get; init; } = string.Empty;

    /// <summary>"VirtualCenter" or "HostAgent" (a standalone ESXi).</summary>
    public string ApiType { get; init; } = string.Empty;

    public string ApiVersion { get; init; } = string.Empty;

    public string InstanceUuid { get; init; } = string.Empty;

    public bool IsVcenter => ApiType == "VirtualCenter";

    public static ServiceContent Parse(XElement returnval)
    {
        var about = returnval.Child("about");
        return new ServiceContent
        {
            RootFolder = returnval.ChildMoRef("rootFolder") ?? default,
            PropertyCollector = returnval.ChildMoRef("propertyCollector") ?? default,
            ViewManager = returnval.ChildMoRef("viewManager") ?? default,
            SessionManager = returnval.ChildMoRef("sessionManager") ?? default,
            FileManager = returnval.ChildMoRef("fileManager"),
            VirtualDiskManager = returnval.ChildMoRef("virtualDiskManager"),
            VStorageObjectManager = returnval.ChildMoRef("vStorageObjectManager"),
            EventManager = returnval.ChildMoRef("eventManager"),
            AuthorizationManager = returnval.ChildMoRef("authorizationManager"),
            FullName = MessageText.Printable(about?.ChildText("fullName"), 200),
            Version = MessageText.Printable(about?.ChildText("version"), 40),
            Build = MessageText.Printable(about?.ChildText("build"), 40),
            ApiType = MessageText.Printable(about?.ChildText("apiType"), 40),
            ApiVersion = MessageText.Printable(about?.ChildText("apiVersion"), 40),
            InstanceUuid = MessageText.Printable(about?.ChildText("instanceUuid"), 80),
        };
    }
}
