using System.Xml;
using System.Xml.Linq;
using VsphereK8sStorage.Vsphere.Property;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;

namespace VsphereK8sStorage.Vsphere.Methods;

/// <summary>A page of RetrievePropertiesEx: objects, and the token for the next page when the server pages.</summary>
internal sealed record RetrieveResult(IReadOnlyList<ObjectContent> Objects, string? Token)
{
    public static readonly RetrieveResult Empty = new(new List<ObjectContent>(), null);

    public static RetrieveResult Parse(XElement response)
    {
        var returnval = response.Child("returnval");
        if (returnval is null)
        {
            return Empty;
        }

        var objects = returnval.Children("objects").Select(ObjectContent.Parse).ToList();
        var token = returnval.ChildText("token");
        return new RetrieveResult(objects, string.IsNullOrEmpty(token) ? null : token);
    }

    /// <summary>
    /// The same page decoded from a reader on the response element: only each property's value becomes a tree
    /// (<see cref="ObjectContent.Properties"/>), the rest of the answer is read as it streams in.
    /// </summary>
    public static RetrieveResult Read(XmlReader reader)
    {
        var objects = new List<ObjectContent>();
        var trees = new TreeReader();
        string? token = null;
        var seenReturnval = false;
        var response = StreamingXml.Enter(reader);
        while (StreamingXml.NextChild(reader, response))
        {
            if (reader.LocalName != "returnval" || seenReturnval)
            {
                reader.Skip();
                continue;
            }

            seenReturnval = true;
            var returnval = StreamingXml.Enter(reader);
            while (StreamingXml.NextChild(reader, returnval))
            {
                switch (reader.LocalName)
                {
                    case "objects":
                        objects.Add(ObjectContent.Read(reader, trees));
                        break;
                    case "token" when token is null:
                        token = StreamingXml.ReadText(reader);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }

        return new RetrieveResult(objects, string.IsNullOrEmpty(token) ? null : token);
    }
}

/// <summary>The vim25 methods this module calls, one function each, arguments in schema order.</summary>
internal static class VimMethods
{
    public static readonly ManagedObjectReference ServiceInstance = new("ServiceInstance", "ServiceInstance");

    public static async Task<ServiceContent> RetrieveServiceContentAsync(ISoapRoundTripper soap, CancellationToken ct)
    {
        var response = await soap.RoundTripAsync(new SoapRequest("RetrieveServiceContent", ServiceInstance) { Idempotent = true, NeedsSession = false }, ct).ConfigureAwait(false);
        return ServiceContent.Parse(response.Child("returnval") ?? response);
    }

    public static async Task<UserSession> LoginAsync(ISoapRoundTripper soap, ManagedObjectReference sessionManager, string userName, string password, CancellationToken ct)
    {
        var request = new SoapRequest("Login", sessionManager, w => w.Value("userName", userName).Value("password", password))
        {
            NeedsSession = false,
            Sensitive = true,
        };
        var response = await soap.RoundTripAsync(request, ct).ConfigureAwait(false);
        return UserSession.Parse(response.Child("returnval") ?? response);
    }

    public static Task LogoutAsync(ISoapRoundTripper soap, ManagedObjectReference sessionManager, CancellationToken ct) =>
        soap.RoundTripAsync(new SoapRequest("Logout", sessionManager), ct);

    public static Task TerminateSessionAsync(ISoapRoundTripper soap, ManagedObjectReference sessionManager, IEnumerable<string> sessionKeys, CancellationToken ct) =>
        soap.RoundTripAsync(new SoapRequest("TerminateSession", sessionManager, w =>
        {
            foreach (var key in sessionKeys)
            {
                w.Value("sessionId", key);
            }
        }), ct);

    public static async Task<ManagedObjectReference> CreateContainerViewAsync(ISoapRoundTripper soap, ManagedObjectReference viewManager, ManagedObjectReference container, IEnumerable<string> types, bool recursive, CancellationToken ct)
    {
        var response = await soap.RoundTripAsync(new SoapRequest("CreateContainerView", viewManager, w =>
        {
            w.MoRef("container", container);
            foreach (var type in types)
            {
                w.Value("type", type);
            }

            w.Value("recursive", recursive);
        }), ct).ConfigureAwait(false);
        return response.ChildMoRef("returnval") ?? default;
    }

    public static Task DestroyViewAsync(ISoapRoundTripper soap, ManagedObjectReference view, CancellationToken ct) =>
        soap.RoundTripAsync(new SoapRequest("DestroyView", view) { Idempotent = true }, ct);

    public static async Task<RetrieveResult> RetrievePropertiesExAsync(ISoapRoundTripper soap, ManagedObjectReference propertyCollector, PropertyFilterSpec spec, int? maxObjects, CancellationToken ct)
    {
        var response = await soap.RoundTripAsync(new SoapRequest("RetrievePropertiesEx", propertyCollector, w =>
        {
            spec.Write(w, "specSet");
            w.Start("options");
            if (maxObjects is { } max)
            {
                w.Value("maxObjects", max);
            }

            w.End();
        }) { Idempotent = true }, RetrieveResult.Read, ct).ConfigureAwait(false);
        return response;
    }

    public static async Task<RetrieveResult> ContinueRetrievePropertiesExAsync(ISoapRoundTripper soap, ManagedObjectReference propertyCollector, string token, CancellationToken ct)
    {
        return await soap.RoundTripAsync(new SoapRequest("ContinueRetrievePropertiesEx", propertyCollector, w => w.Value("token", token)), RetrieveResult.Read, ct).ConfigureAwait(false);
    }

    public static Task CancelRetrievePropertiesExAsync(ISoapRoundTripper soap, ManagedObjectReference propertyCollector, string token, CancellationToken ct) =>
        soap.RoundTripAsync(new SoapRequest("CancelRetrievePropertiesEx", propertyCollector, w => w.Value("token", token)), ct);

    /// <summary>ReconfigVM_Task with only extraConfig entries: on a real vCenter, setting a key replaces its value.</summary>
    public static async Task<ManagedObjectReference> ReconfigureExtraConfigAsync(ISoapRoundTripper soap, ManagedObjectReference vm, IReadOnlyList<KeyValuePair<string, string>> extraConfig, CancellationToken ct)
    {
        var response = await soap.RoundTripAsync(new SoapRequest("ReconfigVM_Task", vm, w =>
        {
            w.Start("spec");
            foreach (var (key, value) in extraConfig)
            {
                w.Start("extraConfig", "OptionValue").Value("key", key).TypedValue("value", "xsd:string", value).End();
            }

            w.End();
        })
        {
            // Setting the same values again changes nothing, so a retry after a broken connection is safe.
            Idempotent = true,
        }, ct).ConfigureAwait(false);
        return response.ChildMoRef("returnval") ?? default;
    }

    public static Task MakeDirectoryAsync(ISoapRoundTripper soap, ManagedObjectReference fileManager, string datastorePath, ManagedObjectReference? datacenter, bool createParentDirectories, CancellationToken ct) =>
        soap.RoundTripAsync(new SoapRequest("MakeDirectory", fileManager, w =>
        {
            w.Value("name", datastorePath);
            if (datacenter is { } dc)
            {
                w.MoRef("datacenter", dc);
            }

            w.Value("createParentDirectories", createParentDirectories);
        }), ct);

    /// <summary>CreateVirtualDisk_Task with a FileBackedVirtualDiskSpec.</summary>
    public static async Task<ManagedObjectReference> CreateVirtualDiskAsync(ISoapRoundTripper soap, ManagedObjectReference virtualDiskManager, string datastorePath, ManagedObjectReference? datacenter, string diskType, string adapterType, long capacityKb, CancellationToken ct)
    {
        var response = await soap.RoundTripAsync(new SoapRequest("CreateVirtualDisk_Task", virtualDiskManager, w =>
        {
            w.Value("name", datastorePath);
            if (datacenter is { } dc)
            {
                w.MoRef("datacenter", dc);
            }

            w.Start("spec", "FileBackedVirtualDiskSpec")
                .Value("diskType", diskType)
                .Value("adapterType", adapterType)
                .Value("capacityKb", capacityKb)
                .End();
        }), ct).ConfigureAwait(false);
        return response.ChildMoRef("returnval") ?? default;
    }

    /// <summary>VcenterVStorageObjectManager.CreateDisk_Task: a first-class disk with a file backing on one datastore.</summary>
    public static async Task<ManagedObjectReference> CreateDiskAsync(ISoapRoundTripper soap, ManagedObjectReference storageObjectManager, string name, long capacityMb, ManagedObjectReference datastore, string provisioningType, bool keepAfterDeleteVm, string? profileId, CancellationToken ct)
    {
        var response = await soap.RoundTripAsync(new SoapRequest("CreateDisk_Task", storageObjectManager, w =>
        {
            w.Start("spec").Value("name", name).Value("keepAfterDeleteVm", keepAfterDeleteVm);
            w.Start("backingSpec", "VslmCreateSpecDiskFileBackingSpec").MoRef("datastore", datastore).Value("provisioningType", provisioningType).End();
            w.Value("capacityInMB", capacityMb);
            if (profileId is not null)
            {
                w.Start("profile", "VirtualMachineDefinedProfileSpec").Value("profileId", profileId).End();
            }

            w.End();
        }), ct).ConfigureAwait(false);
        return response.ChildMoRef("returnval") ?? default;
    }

    /// <summary>VcenterVStorageObjectManager.DeleteVStorageObject_Task: the first-class disk and its backing file; returns the task.</summary>
    public static async Task<ManagedObjectReference> DeleteVStorageObjectAsync(ISoapRoundTripper soap, ManagedObjectReference storageObjectManager, string id, ManagedObjectReference datastore, CancellationToken ct)
    {
        var response = await soap.RoundTripAsync(new SoapRequest("DeleteVStorageObject_Task", storageObjectManager, w =>
        {
            w.Start("id").Value("id", id).End();
            w.MoRef("datastore", datastore);
        }), ct).ConfigureAwait(false);
        return response.ChildMoRef("returnval") ?? default;
    }

    /// <summary>VirtualDiskManager.DeleteVirtualDisk_Task: the descriptor and its extents; returns the task.</summary>
    public static async Task<ManagedObjectReference> DeleteVirtualDiskAsync(ISoapRoundTripper soap, ManagedObjectReference virtualDiskManager, string datastorePath, ManagedObjectReference? datacenter, CancellationToken ct)
    {
        var response = await soap.RoundTripAsync(new SoapRequest("DeleteVirtualDisk_Task", virtualDiskManager, w =>
        {
            w.Value("name", datastorePath);
            if (datacenter is { } dc)
            {
                w.MoRef("datacenter", dc);
            }
        }), ct).ConfigureAwait(false);
        return response.ChildMoRef("returnval") ?? default;
    }

    public static async Task<IReadOnlyList<string>> ListVStorageObjectAsync(ISoapRoundTripper soap, ManagedObjectReference storageObjectManager, ManagedObjectReference datastore, CancellationToken ct)
    {
        var response = await soap.RoundTripAsync(new SoapRequest("ListVStorageObject", storageObjectManager, w => w.MoRef("datastore", datastore)) { Idempotent = true }, ct).ConfigureAwait(false);
        return response.Children("returnval").Select(r => r.ChildText("id") ?? string.Empty).Where(id => id.Length > 0).ToList();
    }

    public static async Task<VStorageObject> RetrieveVStorageObjectAsync(ISoapRoundTripper soap, ManagedObjectReference storageObjectManager, string id, ManagedObjectReference datastore, CancellationToken ct)
    {
        var response = await soap.RoundTripAsync(new SoapRequest("RetrieveVStorageObject", storageObjectManager, w =>
        {
            w.Start("id").Value("id", id).End();
            w.MoRef("datastore", datastore);
        }) { Idempotent = true }, ct).ConfigureAwait(false);
        return VStorageObject.Parse(response.Child("returnval") ?? response);
    }

    /// <summary>
    /// EventManager.QueryEvents for one entity's own events of the given types, at most <paramref name="maxCount"/>
    /// (vCenter and vcsim both cap it at 1000). The answer's order is not chronological everywhere: callers sort.
    /// </summary>
    public static async Task<IReadOnlyList<XElement>> QueryEventsAsync(ISoapRoundTripper soap, ManagedObjectReference eventManager, ManagedObjectReference entity, IReadOnlyList<string> eventTypes, int maxCount, CancellationToken ct, string recursion = "self")
    {
        var response = await soap.RoundTripAsync(new SoapRequest("QueryEvents", eventManager, w =>
        {
            w.Start("filter");
            w.Start("entity").MoRef("entity", entity).Value("recursion", recursion).End();
            foreach (var type in eventTypes)
            {
                w.Value("eventTypeId", type);
            }

            w.Value("maxCount", maxCount);
            w.End();
        }) { Idempotent = true }, ct).ConfigureAwait(false);
        return response.Children("returnval").ToList();
    }

    /// <summary>
    /// HostDatastoreBrowser.SearchDatastoreSubFolders_Task for virtual disks (descriptors, not their -flat extents)
    /// under a folder and its sub-folders, with sizes; returns the task, whose result is one entry per folder.
    /// </summary>
    public static async Task<ManagedObjectReference> SearchDatastoreSubFoldersAsync(ISoapRoundTripper soap, ManagedObjectReference browser, string datastorePath, CancellationToken ct)
    {
        var response = await soap.RoundTripAsync(new SoapRequest("SearchDatastoreSubFolders_Task", browser, w =>
        {
            w.Value("datastorePath", datastorePath);
            w.Start("searchSpec");
            w.Start("query", "VmDiskFileQuery")
                .Start("details").Value("diskType", false).Value("capacityKb", true).Value("hardwareVersion", false).End()
                .End();
            w.Start("details").Value("fileType", true).Value("fileSize", true).Value("modification", false).Value("fileOwner", false).End();
            w.Value("matchPattern", "*.vmdk");
            w.End();
        }) { Idempotent = true }, ct).ConfigureAwait(false);
        return response.ChildMoRef("returnval") ?? default;
    }
}
