using System.Reflection;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>apimachinery's <c>field.ErrorType</c>, plus the decoder's refusals that come before validation.</summary>
public enum FieldErrorType
{
    /// <summary>"Required value".</summary>
    Required,

    /// <summary>"Invalid value".</summary>
    Invalid,

    /// <summary>"Unsupported value" (a closed set of spellings).</summary>
    NotSupported,

    /// <summary>"Forbidden".</summary>
    Forbidden,

    /// <summary>"Too long".</summary>
    TooLong,

    /// <summary>"Duplicate value".</summary>
    Duplicate,

    /// <summary>The document cannot be decoded into the object at all: YAML syntax, a wrong type, a bad quantity.</summary>
    Decode,
}

/// <summary>How a broken rule counts.</summary>
public enum RuleSeverity
{
    /// <summary>The API server refuses the object: the input is invalid and nothing is planned.</summary>
    Error,

    /// <summary>
    /// The API server enforces the rule only when an object is created (validation ratcheting keeps
    /// existing objects that break it). An object read from a cluster (it has <c>metadata.uid</c>)
    /// gets a warning; a manifest not yet created gets an error, since creating it would fail.
    /// </summary>
    CreationOnly,

    /// <summary>Not a refusal: the API server changes the field when it creates the object (defaulting); said in a warning.</summary>
    Defaulted,
}

/// <summary>
/// One rule of the API server's validation of the objects binding reads, as upstream states it: the
/// field path (indices as [*]), the error type and detail message, and the upstream function that holds it.
/// </summary>
public sealed record ManifestRule(string Id, string Kinds, string Path, FieldErrorType Type, string Detail, string Upstream, RuleSeverity Severity = RuleSeverity.Error)
{
    /// <summary>How upstream prints the type: "Required value", "Unsupported value", ...</summary>
    public string TypeText => Type switch
    {
        FieldErrorType.Required => "Required value",
        FieldErrorType.Invalid => "Invalid value",
        FieldErrorType.NotSupported => "Unsupported value",
        FieldErrorType.Forbidden => "Forbidden",
        FieldErrorType.TooLong => "Too long",
        FieldErrorType.Duplicate => "Duplicate value",
        _ => "cannot be decoded",
    };
}

/// <summary>
/// The rule list: every check the reader makes, with the API server's field path and message, taken
/// from kubernetes/kubernetes <c>pkg/apis/core/validation</c> (PersistentVolume, PersistentVolumeClaim,
/// Node), <c>pkg/apis/storage/validation</c> (StorageClass) and apimachinery (ObjectMeta, names, label
/// selectors). The decoder reports through these entries only, so this list is what the reader refuses.
/// </summary>
/// <remarks>
/// Design: refuse exactly what the API server refuses, and nothing more. Fields upstream does not
/// validate are read as the PV controller reads them: <c>spec.claimRef</c> may lack a namespace, a
/// name, or both (the controller then keeps the volume for a claim that does not exist),
/// <c>spec.volumeName</c> may name anything, and <c>status</c> is never validated (the API server
/// resets it on create), so an unknown phase is a warning. Deliberate gaps, because binding does not
/// read those fields: a Node's spec and status, and the finer format rules of volume sources other than
/// vsphereVolume, csi, hostPath, local and nfs (their required fields are checked).
/// </remarks>
public static class ManifestRules
{
    private const string CoreValidation = "pkg/apis/core/validation";
    private const string StorageValidation = "pkg/apis/storage/validation";
    private const string MetaValidation = "apimachinery/pkg/api/validation";
    private const string SelectorValidation = "apimachinery/pkg/apis/meta/v1/validation";
    private const string Decoding = "decoding (sigs.k8s.io/yaml, json, resource.ParseQuantity)";
    private const string Pv = "PersistentVolume";
    private const string Pvc = "PersistentVolumeClaim";
    private const string PvAndPvc = "PersistentVolume,PersistentVolumeClaim";
    private const string Sc = "StorageClass";
    private const string Any = "*";

    // Decoding: the request is refused before validation runs.
    public static readonly ManifestRule FileUnreadable = new(nameof(FileUnreadable), Any, string.Empty, FieldErrorType.Decode, "the file cannot be read", "reading the file (kubectl: error reading)");
    public static readonly ManifestRule YamlSyntax = new(nameof(YamlSyntax), Any, string.Empty, FieldErrorType.Decode, "YAML syntax error", Decoding);
    public static readonly ManifestRule DuplicateKey = new(nameof(DuplicateKey), Any, string.Empty, FieldErrorType.Decode, "mapping key already defined", Decoding);
    public static readonly ManifestRule NotAnObject = new(nameof(NotAnObject), Any, string.Empty, FieldErrorType.Decode, "a document must be a Kubernetes object", Decoding);
    public static readonly ManifestRule KindMissing = new(nameof(KindMissing), Any, "kind", FieldErrorType.Decode, "Object 'Kind' is missing", Decoding);
    public static readonly ManifestRule ApiVersionMissing = new(nameof(ApiVersionMissing), Any, "apiVersion", FieldErrorType.Decode, "Object 'apiVersion' is missing", Decoding);
    public static readonly ManifestRule ApiVersionUnknown = new(nameof(ApiVersionUnknown), Any, "apiVersion", FieldErrorType.Decode, "no matches for kind in version", Decoding);
    public static readonly ManifestRule WrongType = new(nameof(WrongType), Any, "*", FieldErrorType.Decode, "cannot unmarshal into the field's type", Decoding);
    public static readonly ManifestRule QuantitySyntax = new(nameof(QuantitySyntax), Any, "*", FieldErrorType.Decode, "quantities must match the regular expression", Decoding);
    public static readonly ManifestRule TimestampSyntax = new(nameof(TimestampSyntax), Any, "*", FieldErrorType.Decode, "not an RFC 3339 time", Decoding);
    public static readonly ManifestRule ListItemsNotAList = new(nameof(ListItemsNotAList), Any, "items", FieldErrorType.Decode, "items of a List must be a list of objects", Decoding);

    // ObjectMeta (ValidateObjectMetaAccessor and what it calls).
    public static readonly ManifestRule NameRequired = new(nameof(NameRequired), Any, "metadata.name", FieldErrorType.Required, "name or generateName is required", MetaValidation);
    public static readonly ManifestRule NameInvalid = new(nameof(NameInvalid), Any, "metadata.name", FieldErrorType.Invalid, "(IsDNS1123Subdomain)", MetaValidation);
    public static readonly ManifestRule GenerateNameInvalid = new(nameof(GenerateNameInvalid), Any, "metadata.generateName", FieldErrorType.Invalid, "(IsDNS1123Subdomain, trailing '-' allowed)", MetaValidation);
    public static readonly ManifestRule NameGenerated = new(nameof(NameGenerated), Any, "metadata.name", FieldErrorType.Required, "the API server generates the name from metadata.generateName when it creates the object", "apiserver rest.BeforeCreate (name generation)", RuleSeverity.Defaulted);
    public static readonly ManifestRule NamespaceInvalid = new(nameof(NamespaceInvalid), Pvc, "metadata.namespace", FieldErrorType.Invalid, "(IsDNS1123Label)", MetaValidation);
    public static readonly ManifestRule NamespaceCleared = new(nameof(NamespaceCleared), "PersistentVolume,StorageClass,Node", "metadata.namespace", FieldErrorType.Forbidden, "the object is cluster-scoped: the API server clears the namespace when it creates it", "apiserver rest.EnsureObjectNamespaceMatchesRequestNamespace", RuleSeverity.Defaulted);
    public static readonly ManifestRule LabelKeyInvalid = new(nameof(LabelKeyInvalid), Any, "metadata.labels", FieldErrorType.Invalid, "(IsQualifiedName)", SelectorValidation + " ValidateLabels");
    public static readonly ManifestRule LabelValueInvalid = new(nameof(LabelValueInvalid), Any, "metadata.labels", FieldErrorType.Invalid, "(IsValidLabelValue)", SelectorValidation + " ValidateLabels");
    public static readonly ManifestRule AnnotationKeyInvalid = new(nameof(AnnotationKeyInvalid), Any, "metadata.annotations", FieldErrorType.Invalid, "(IsQualifiedName of the lower-cased key)", MetaValidation + " ValidateAnnotations");
    public static readonly ManifestRule AnnotationsTooLong = new(nameof(AnnotationsTooLong), Any, "metadata.annotations", FieldErrorType.TooLong, "must have at most 262144 bytes", MetaValidation + " ValidateAnnotations");
    public static readonly ManifestRule FinalizerInvalid = new(nameof(FinalizerInvalid), Any, "metadata.finalizers", FieldErrorType.Invalid, "(IsQualifiedName)", MetaValidation + " ValidateFinalizers");
    public static readonly ManifestRule FinalizersConflict = new(nameof(FinalizersConflict), Any, "metadata.finalizers", FieldErrorType.Invalid, "finalizer orphan and foregroundDeletion cannot be both set", MetaValidation + " ValidateFinalizers");
    public static readonly ManifestRule GenerationNegative = new(nameof(GenerationNegative), Any, "metadata.generation", FieldErrorType.Invalid, "must be greater than or equal to 0", MetaValidation + " ValidateNonnegativeField");
    public static readonly ManifestRule OwnerReferenceApiVersionEmpty = new(nameof(OwnerReferenceApiVersionEmpty), Any, "metadata.ownerReferences.apiVersion", FieldErrorType.Invalid, "version must not be empty", MetaValidation + " validateOwnerReference");
    public static readonly ManifestRule OwnerReferenceKindEmpty = new(nameof(OwnerReferenceKindEmpty), Any, "metadata.ownerReferences.kind", FieldErrorType.Invalid, "must not be empty", MetaValidation + " validateOwnerReference");
    public static readonly ManifestRule OwnerReferenceNameEmpty = new(nameof(OwnerReferenceNameEmpty), Any, "metadata.ownerReferences.name", FieldErrorType.Invalid, "must not be empty", MetaValidation + " validateOwnerReference");
    public static readonly ManifestRule OwnerReferenceUidEmpty = new(nameof(OwnerReferenceUidEmpty), Any, "metadata.ownerReferences.uid", FieldErrorType.Invalid, "must not be empty", MetaValidation + " validateOwnerReference");

    // Access modes, class names and volume modes: the same rules on volumes and claims.
    public static readonly ManifestRule PvAccessModesRequired = new(nameof(PvAccessModesRequired), Pv, "spec.accessModes", FieldErrorType.Required, string.Empty, CoreValidation + " ValidatePersistentVolumeSpec");
    public static readonly ManifestRule PvcAccessModesRequired = new(nameof(PvcAccessModesRequired), Pvc, "spec.accessModes", FieldErrorType.Required, "at least 1 access mode is required", CoreValidation + " ValidatePersistentVolumeClaimSpec");
    public static readonly ManifestRule AccessModeNotSupported = new(nameof(AccessModeNotSupported), PvAndPvc, "spec.accessModes", FieldErrorType.NotSupported, "supported values: \"ReadOnlyMany\", \"ReadWriteMany\", \"ReadWriteOnce\", \"ReadWriteOncePod\"", CoreValidation + " supportedAccessModes");
    public static readonly ManifestRule ReadWriteOncePodCombined = new(nameof(ReadWriteOncePodCombined), PvAndPvc, "spec.accessModes", FieldErrorType.Forbidden, "may not use ReadWriteOncePod with other access modes", CoreValidation);
    public static readonly ManifestRule StorageClassNameInvalid = new(nameof(StorageClassNameInvalid), PvAndPvc, "spec.storageClassName", FieldErrorType.Invalid, "(ValidateClassName: IsDNS1123Subdomain)", CoreValidation);
    public static readonly ManifestRule VolumeModeNotSupported = new(nameof(VolumeModeNotSupported), PvAndPvc, "spec.volumeMode", FieldErrorType.NotSupported, "supported values: \"Block\", \"Filesystem\"", CoreValidation + " supportedVolumeModes");
    public static readonly ManifestRule VolumeAttributesClassNameInvalid = new(nameof(VolumeAttributesClassNameInvalid), PvAndPvc, "spec.volumeAttributesClassName", FieldErrorType.Invalid, "(ValidateClassName: IsDNS1123Subdomain)", CoreValidation);

    // PersistentVolume (ValidatePersistentVolumeSpec).
    public static readonly ManifestRule PvCapacityRequired = new(nameof(PvCapacityRequired), Pv, "spec.capacity", FieldErrorType.Required, string.Empty, CoreValidation + " ValidatePersistentVolumeSpec");
    public static readonly ManifestRule PvCapacityNotSupported = new(nameof(PvCapacityNotSupported), Pv, "spec.capacity", FieldErrorType.NotSupported, "supported values: \"storage\"", CoreValidation + " ValidatePersistentVolumeSpec");
    public static readonly ManifestRule PvCapacityNegative = new(nameof(PvCapacityNegative), Pv, "spec.capacity[*]", FieldErrorType.Invalid, "must be a valid resource quantity", CoreValidation + " validateBasicResource");
    public static readonly ManifestRule PvCapacityNotPositive = new(nameof(PvCapacityNotPositive), Pv, "spec.capacity[*]", FieldErrorType.Invalid, "must be greater than zero", CoreValidation + " ValidatePositiveQuantityValue");
    public static readonly ManifestRule PvReclaimPolicyNotSupported = new(nameof(PvReclaimPolicyNotSupported), Pv, "spec.persistentVolumeReclaimPolicy", FieldErrorType.NotSupported, "supported values: \"Delete\", \"Recycle\", \"Retain\"", CoreValidation + " supportedReclaimPolicy");
    public static readonly ManifestRule PvRecycleHostPathRoot = new(nameof(PvRecycleHostPathRoot), Pv, "spec.persistentVolumeReclaimPolicy", FieldErrorType.Forbidden, "may not be 'recycle' for a hostPath mount of '/'", CoreValidation);
    public static readonly ManifestRule PvVolumeTypeRequired = new(nameof(PvVolumeTypeRequired), Pv, "spec", FieldErrorType.Required, "must specify a volume type", CoreValidation + " ValidatePersistentVolumeSpec");
    public static readonly ManifestRule PvVolumeTypeMultiple = new(nameof(PvVolumeTypeMultiple), Pv, "spec.*", FieldErrorType.Forbidden, "may not specify more than 1 volume type", CoreValidation + " ValidatePersistentVolumeSpec");
    public static readonly ManifestRule PvSourceFieldRequired = new(nameof(PvSourceFieldRequired), Pv, "spec.*.*", FieldErrorType.Required, string.Empty, CoreValidation + " validate*VolumeSource");
    public static readonly ManifestRule PvPathBacksteps = new(nameof(PvPathBacksteps), Pv, "spec.*.path", FieldErrorType.Invalid, "must not contain '..'", CoreValidation + " validatePathNoBacksteps");
    public static readonly ManifestRule PvHostPathTypeNotSupported = new(nameof(PvHostPathTypeNotSupported), Pv, "spec.hostPath.type", FieldErrorType.NotSupported, "supported values: \"\", \"BlockDevice\", \"CharDevice\", \"Directory\", \"DirectoryOrCreate\", \"File\", \"FileOrCreate\", \"Socket\"", CoreValidation + " validateHostPathType");
    public static readonly ManifestRule PvNfsPathNotAbsolute = new(nameof(PvNfsPathNotAbsolute), Pv, "spec.nfs.path", FieldErrorType.Invalid, "must be an absolute path", CoreValidation + " validateNFSVolumeSource");
    public static readonly ManifestRule PvCsiDriverTooLong = new(nameof(PvCsiDriverTooLong), Pv, "spec.csi.driver", FieldErrorType.TooLong, "must have at most 63 bytes", CoreValidation + " ValidateCSIDriverName");
    public static readonly ManifestRule PvCsiDriverInvalid = new(nameof(PvCsiDriverInvalid), Pv, "spec.csi.driver", FieldErrorType.Invalid, "(IsDNS1123Subdomain of the lower-cased name)", CoreValidation + " ValidateCSIDriverName");
    public static readonly ManifestRule PvLocalNeedsNodeAffinity = new(nameof(PvLocalNeedsNodeAffinity), Pv, "spec.nodeAffinity", FieldErrorType.Required, "Local volume requires node affinity", CoreValidation + " ValidatePersistentVolumeSpec");
    public static readonly ManifestRule PvNodeAffinityRequiredMissing = new(nameof(PvNodeAffinityRequiredMissing), Pv, "spec.nodeAffinity.required", FieldErrorType.Required, "must specify required node constraints", CoreValidation + " validateVolumeNodeAffinity");
    public static readonly ManifestRule PvVolumeAttributesClassEmpty = new(nameof(PvVolumeAttributesClassEmpty), Pv, "spec.volumeAttributesClassName", FieldErrorType.Required, "an empty string is disallowed", CoreValidation + " ValidatePersistentVolumeSpec");
    public static readonly ManifestRule PvVolumeAttributesClassNeedsCsi = new(nameof(PvVolumeAttributesClassNeedsCsi), Pv, "spec.csi", FieldErrorType.Required, "has to be specified when using volumeAttributesClassName", CoreValidation + " ValidatePersistentVolumeSpec");

    // Node selectors of volume node affinity (ValidateNodeSelector and its requirements).
    public static readonly ManifestRule NodeSelectorTermsRequired = new(nameof(NodeSelectorTermsRequired), Pv, "spec.nodeAffinity.required.nodeSelectorTerms", FieldErrorType.Required, "must have at least one node selector term", CoreValidation + " ValidateNodeSelector");
    public static readonly ManifestRule NodeSelectorValuesRequired = new(nameof(NodeSelectorValuesRequired), Pv, "spec.nodeAffinity.required.nodeSelectorTerms[*].matchExpressions[*].values", FieldErrorType.Required, "must be specified when `operator` is 'In' or 'NotIn'", CoreValidation + " ValidateNodeSelectorRequirement");
    public static readonly ManifestRule NodeSelectorValuesForbidden = new(nameof(NodeSelectorValuesForbidden), Pv, "spec.nodeAffinity.required.nodeSelectorTerms[*].matchExpressions[*].values", FieldErrorType.Forbidden, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'", CoreValidation + " ValidateNodeSelectorRequirement");
    public static readonly ManifestRule NodeSelectorSingleValue = new(nameof(NodeSelectorSingleValue), Pv, "spec.nodeAffinity.required.nodeSelectorTerms[*].matchExpressions[*].values", FieldErrorType.Required, "must be specified single value when `operator` is 'Lt' or 'Gt'", CoreValidation + " ValidateNodeSelectorRequirement");
    public static readonly ManifestRule NodeSelectorOperatorInvalid = new(nameof(NodeSelectorOperatorInvalid), Pv, "spec.nodeAffinity.required.nodeSelectorTerms[*].matchExpressions[*].operator", FieldErrorType.Invalid, "not a valid selector operator", CoreValidation + " ValidateNodeSelectorRequirement");
    public static readonly ManifestRule NodeSelectorKeyInvalid = new(nameof(NodeSelectorKeyInvalid), Pv, "spec.nodeAffinity.required.nodeSelectorTerms[*].matchExpressions[*].key", FieldErrorType.Invalid, "(IsQualifiedName)", CoreValidation + " ValidateNodeSelectorRequirement");
    public static readonly ManifestRule NodeSelectorValueInvalid = new(nameof(NodeSelectorValueInvalid), Pv, "spec.nodeAffinity.required.nodeSelectorTerms[*].matchExpressions[*].values[*]", FieldErrorType.Invalid, "(IsValidLabelValue)", CoreValidation + " ValidateNodeSelectorRequirement (AllowInvalidLabelValueInRequiredNodeAffinity)", RuleSeverity.CreationOnly);
    public static readonly ManifestRule NodeFieldSelectorSingleValue = new(nameof(NodeFieldSelectorSingleValue), Pv, "spec.nodeAffinity.required.nodeSelectorTerms[*].matchFields[*].values", FieldErrorType.Required, "must be only one value when `operator` is 'In' or 'NotIn' for node field selector", CoreValidation + " ValidateNodeFieldSelectorRequirement");
    public static readonly ManifestRule NodeFieldSelectorOperatorInvalid = new(nameof(NodeFieldSelectorOperatorInvalid), Pv, "spec.nodeAffinity.required.nodeSelectorTerms[*].matchFields[*].operator", FieldErrorType.Invalid, "not a valid selector operator", CoreValidation + " ValidateNodeFieldSelectorRequirement");
    public static readonly ManifestRule NodeFieldSelectorKeyInvalid = new(nameof(NodeFieldSelectorKeyInvalid), Pv, "spec.nodeAffinity.required.nodeSelectorTerms[*].matchFields[*].key", FieldErrorType.Invalid, "not a valid field selector key", CoreValidation + " ValidateNodeFieldSelectorRequirement");
    public static readonly ManifestRule NodeFieldSelectorValueInvalid = new(nameof(NodeFieldSelectorValueInvalid), Pv, "spec.nodeAffinity.required.nodeSelectorTerms[*].matchFields[*].values[*]", FieldErrorType.Invalid, "(ValidateNodeName: IsDNS1123Subdomain)", CoreValidation + " ValidateNodeFieldSelectorRequirement");

    // PersistentVolumeClaim (ValidatePersistentVolumeClaimSpec).
    public static readonly ManifestRule PvcStorageRequired = new(nameof(PvcStorageRequired), Pvc, "spec.resources[storage]", FieldErrorType.Required, string.Empty, CoreValidation + " ValidatePersistentVolumeClaimSpec");
    public static readonly ManifestRule PvcStorageNotPositive = new(nameof(PvcStorageNotPositive), Pvc, "spec.resources[storage]", FieldErrorType.Invalid, "must be greater than zero", CoreValidation + " ValidatePositiveQuantityValue");
    public static readonly ManifestRule DataSourceNameRequired = new(nameof(DataSourceNameRequired), Pvc, "spec.dataSource.name", FieldErrorType.Required, string.Empty, CoreValidation + " validateDataSource");
    public static readonly ManifestRule DataSourceKindRequired = new(nameof(DataSourceKindRequired), Pvc, "spec.dataSource.kind", FieldErrorType.Required, string.Empty, CoreValidation + " validateDataSource");
    public static readonly ManifestRule DataSourceCoreKind = new(nameof(DataSourceCoreKind), Pvc, "spec.dataSource", FieldErrorType.Invalid, "must be 'PersistentVolumeClaim' when referencing the default apiGroup", CoreValidation + " validateDataSource");
    public static readonly ManifestRule DataSourceApiGroupInvalid = new(nameof(DataSourceApiGroupInvalid), Pvc, "spec.dataSource.apiGroup", FieldErrorType.Invalid, "(IsDNS1123Subdomain)", CoreValidation + " validateDataSource (AllowInvalidAPIGroupInDataSourceOrRef)", RuleSeverity.CreationOnly);
    public static readonly ManifestRule DataSourceRefNamespaceInvalid = new(nameof(DataSourceRefNamespaceInvalid), Pvc, "spec.dataSourceRef.namespace", FieldErrorType.Invalid, "(ValidateNamespaceName: IsDNS1123Label)", CoreValidation + " validateDataSourceRef");
    public static readonly ManifestRule DataSourceWithCrossNamespaceRef = new(nameof(DataSourceWithCrossNamespaceRef), Pvc, "spec", FieldErrorType.Invalid, "may not be specified when dataSourceRef.namespace is specified", CoreValidation + " ValidatePersistentVolumeClaimSpec");
    public static readonly ManifestRule DataSourceMismatch = new(nameof(DataSourceMismatch), Pvc, "spec", FieldErrorType.Invalid, "must match dataSourceRef", CoreValidation + " ValidatePersistentVolumeClaimSpec");

    // Label selectors of claims (ValidateLabelSelector).
    public static readonly ManifestRule SelectorValuesRequired = new(nameof(SelectorValuesRequired), Pvc, "spec.selector.matchExpressions[*].values", FieldErrorType.Required, "must be specified when `operator` is 'In' or 'NotIn'", SelectorValidation + " ValidateLabelSelectorRequirement");
    public static readonly ManifestRule SelectorValuesForbidden = new(nameof(SelectorValuesForbidden), Pvc, "spec.selector.matchExpressions[*].values", FieldErrorType.Forbidden, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'", SelectorValidation + " ValidateLabelSelectorRequirement");
    public static readonly ManifestRule SelectorOperatorInvalid = new(nameof(SelectorOperatorInvalid), Pvc, "spec.selector.matchExpressions[*].operator", FieldErrorType.Invalid, "not a valid selector operator", SelectorValidation + " ValidateLabelSelectorRequirement");
    public static readonly ManifestRule SelectorKeyInvalid = new(nameof(SelectorKeyInvalid), Pvc, "spec.selector.matchExpressions[*].key", FieldErrorType.Invalid, "(IsQualifiedName)", SelectorValidation + " ValidateLabelSelectorRequirement");
    public static readonly ManifestRule SelectorValueInvalid = new(nameof(SelectorValueInvalid), Pvc, "spec.selector.matchExpressions[*].values[*]", FieldErrorType.Invalid, "(IsValidLabelValue)", SelectorValidation + " ValidateLabelSelectorRequirement (AllowInvalidLabelValueInSelector)", RuleSeverity.CreationOnly);
    public static readonly ManifestRule SelectorMatchLabelKeyInvalid = new(nameof(SelectorMatchLabelKeyInvalid), Pvc, "spec.selector.matchLabels", FieldErrorType.Invalid, "(IsQualifiedName)", SelectorValidation + " ValidateLabels");
    public static readonly ManifestRule SelectorMatchLabelValueInvalid = new(nameof(SelectorMatchLabelValueInvalid), Pvc, "spec.selector.matchLabels", FieldErrorType.Invalid, "(IsValidLabelValue)", SelectorValidation + " ValidateLabels");

    // StorageClass (ValidateStorageClass).
    public static readonly ManifestRule ProvisionerRequired = new(nameof(ProvisionerRequired), Sc, "provisioner", FieldErrorType.Required, string.Empty, StorageValidation + " validateProvisioner");
    public static readonly ManifestRule ProvisionerInvalid = new(nameof(ProvisionerInvalid), Sc, "provisioner", FieldErrorType.Invalid, "(IsQualifiedName of the lower-cased name)", StorageValidation + " validateProvisioner");
    public static readonly ManifestRule ParametersTooMany = new(nameof(ParametersTooMany), Sc, "parameters", FieldErrorType.TooLong, "must have at most 512 bytes", StorageValidation + " validateParameters (at most 512 entries)");
    public static readonly ManifestRule ParameterKeyEmpty = new(nameof(ParameterKeyEmpty), Sc, "parameters", FieldErrorType.Invalid, "field can not be empty.", StorageValidation + " validateParameters");
    public static readonly ManifestRule ParametersTooLong = new(nameof(ParametersTooLong), Sc, "parameters", FieldErrorType.TooLong, "must have at most 262144 bytes", StorageValidation + " validateParameters");
    public static readonly ManifestRule ScReclaimPolicyNotSupported = new(nameof(ScReclaimPolicyNotSupported), Sc, "reclaimPolicy", FieldErrorType.NotSupported, "supported values: \"Delete\", \"Retain\"", StorageValidation + " validateReclaimPolicy");
    public static readonly ManifestRule VolumeBindingModeNotSupported = new(nameof(VolumeBindingModeNotSupported), Sc, "volumeBindingMode", FieldErrorType.NotSupported, "supported values: \"Immediate\", \"WaitForFirstConsumer\"", StorageValidation + " validateVolumeBindingMode");
    public static readonly ManifestRule TopologyValuesRequired = new(nameof(TopologyValuesRequired), Sc, "allowedTopologies[*].matchLabelExpressions[*].values", FieldErrorType.Required, string.Empty, CoreValidation + " validateTopologySelectorLabelRequirement");
    public static readonly ManifestRule TopologyValueDuplicate = new(nameof(TopologyValueDuplicate), Sc, "allowedTopologies[*].matchLabelExpressions[*].values[*]", FieldErrorType.Duplicate, string.Empty, CoreValidation + " validateTopologySelectorLabelRequirement");
    public static readonly ManifestRule TopologyKeyInvalid = new(nameof(TopologyKeyInvalid), Sc, "allowedTopologies[*].matchLabelExpressions[*].key", FieldErrorType.Invalid, "(IsQualifiedName)", CoreValidation + " validateTopologySelectorLabelRequirement");
    public static readonly ManifestRule TopologyKeyDuplicate = new(nameof(TopologyKeyDuplicate), Sc, "allowedTopologies[*].matchLabelExpressions[*].key", FieldErrorType.Duplicate, string.Empty, CoreValidation + " ValidateTopologySelectorTerm");
    public static readonly ManifestRule TopologyTermDuplicate = new(nameof(TopologyTermDuplicate), Sc, "allowedTopologies[*].matchLabelExpressions", FieldErrorType.Duplicate, string.Empty, StorageValidation + " validateAllowedTopologies");

    // Fields upstream does not validate, read as the controller reads them.
    public static readonly ManifestRule PhaseUnknown = new(nameof(PhaseUnknown), PvAndPvc, "status.phase", FieldErrorType.NotSupported, "status is not validated: the phase is read as unknown, as the controller would read it", "none (the API server resets status on create)", RuleSeverity.Defaulted);

    private static readonly Lazy<IReadOnlyList<ManifestRule>> AllRules = new(() =>
        typeof(ManifestRules).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(ManifestRule))
            .Select(f => (ManifestRule)f.GetValue(null)!)
            .ToList());

    /// <summary>Every rule, in the order of this file.</summary>
    public static IReadOnlyList<ManifestRule> All => AllRules.Value;
}
