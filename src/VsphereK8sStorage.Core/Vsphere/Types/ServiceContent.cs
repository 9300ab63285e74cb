using System.Xml.Linq;

namespace VsphereK8sStorage.Vsphere.Types;

/// <summary>The part of vim25's ServiceContent we use: the singletons' MoRefs and what the server is.</summary>
public sealed record ServiceContent
{
    public ManagedObjectReference RootFolder { get; init; }

    public ManagedObjectReference PropertyCollector { get; init; }

    public ManagedObjectReference ViewManager { get; init; }

    public ManagedObjectReference SessionManager { get; init; }

    public ManagedObjectReference? FileManager { get; init; }

    public ManagedObjectReference? VirtualDiskManager { get; init; }

    public ManagedObjectReference? VStorageObjectManager { get; init; }

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
            FullName = Xml.Printable(about?.ChildText("fullName"), 200),
            Version = Xml.Printable(about?.ChildText("version"), 40),
            Build = Xml.Printable(about?.ChildText("build"), 40),
            ApiType = Xml.Printable(about?.ChildText("apiType"), 40),
            ApiVersion = Xml.Printable(about?.ChildText("apiVersion"), 40),
            InstanceUuid = Xml.Printable(about?.ChildText("instanceUuid"), 80),
        };
    }
}

/// <summary>A vim25 UserSession: who is logged in, and the session's key (not its cookie).</summary>
public sealed record UserSession(string Key, string UserName, string FullName)
{
    public static UserSession Parse(XElement element) => new(
        element.ChildText("key") ?? string.Empty,
        Xml.Printable(element.ChildText("userName"), 200),
        Xml.Printable(element.ChildText("fullName"), 200));
}
