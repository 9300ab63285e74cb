using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Authentication;
using k8s.Exceptions;
using k8s.KubeConfigModels;
using VsphereK8sStorage.Hosting;
using VsphereK8sStorage.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace VsphereK8sStorage.Kubernetes.Client;

/// <summary>
/// The loaded files, merged by name. Each entry remembers the file that defined it, so an error about a
/// cluster names the file the cluster came from.
/// </summary>
internal sealed class KubeconfigSet
{
    private readonly Dictionary<string, (Cluster Entry, string File)> clusters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (User Entry, string File, string? TokenFile)> users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Context Entry, string File)> contexts = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<string> files;
    private (string Name, string File)? currentContext;

    private KubeconfigSet(IReadOnlyList<string> files) => this.files = files;

    private string AllFiles => string.Join(", ", files);

    public static KubeconfigSet Load(IReadOnlyList<string> files)
    {
        var set = new KubeconfigSet(files);
        foreach (var file in files)
        {
            set.Add(file);
        }

        return set;
    }

    public ResolvedConnection Build(string? contextOverride)
    {
        var (contextName, contextFile) = contextOverride is not null
            ? (contextOverride, contexts.TryGetValue(contextOverride, out var named) ? named.File : AllFiles)
            : currentContext ?? throw KubeconfigResolver.Invalid(AllFiles, contexts.Count == 0
                ? $"it defines no context; add one (kubectl config set-context) or pass another file to {Param.Name("Kubeconfig")}."
                : $"no current-context is set; pass {Param.Name("Context")} with one of: {string.Join(", ", contexts.Keys)}.");

        if (!contexts.TryGetValue(contextName, out var context))
        {
            var hint = contexts.Keys.FirstOrDefault(k => string.Equals(k, contextName, StringComparison.OrdinalIgnoreCase)) is { } close
                ? $" (names are case-sensitive: did you mean '{close}'?)"
                : contexts.Count == 0 ? string.Empty : $"; its contexts are: {string.Join(", ", contexts.Keys)}";
            throw new KubeconfigException("KubeconfigContextNotFound", ErrorKind.ObjectNotFound, contextFile, $"context '{contextName}' is not defined{hint}.");
        }

        var details = context.Entry.ContextDetails;
        if (string.IsNullOrEmpty(details?.Cluster))
        {
            throw KubeconfigResolver.Invalid(context.File, $"context '{contextName}' names no cluster; set its 'cluster' to one of: {string.Join(", ", clusters.Keys)}.");
        }

        if (!clusters.TryGetValue(details!.Cluster, out var cluster))
        {
            throw KubeconfigResolver.Invalid(context.File, $"context '{contextName}' refers to cluster '{details.Cluster}', which no file defines{Choices(clusters.Keys)}.");
        }

        CheckCluster(cluster.Entry, cluster.File);
        string? tokenFile = null;
        if (!string.IsNullOrEmpty(details.User))
        {
            if (!users.TryGetValue(details.User, out var user))
            {
                throw KubeconfigResolver.Invalid(context.File, $"context '{contextName}' refers to user '{details.User}', which no file defines{Choices(users.Keys)}.");
            }

            tokenFile = CheckUser(user.Entry, user.File, user.TokenFile);
            if (!HasCredentials(user.Entry.UserCredentials) && tokenFile is null)
            {
                // kubectl connects anonymously with an empty user; KubernetesClient refuses the user instead.
                details.User = null;
            }
        }

        var merged = new K8SConfiguration
        {
            ApiVersion = "v1",
            Kind = "Config",
            CurrentContext = contextName,
            Clusters = clusters.Values.Select(c => c.Entry).ToList(),
            Users = users.Values.Select(u => u.Entry).ToList(),
            Contexts = contexts.Values.Select(c => c.Entry).ToList(),
        };

        var userFile = details.User is { } userName && users.TryGetValue(userName, out var u2) ? u2.File : context.File;
        KubernetesClientConfiguration configuration;
        try
        {
            configuration = KubernetesClientConfiguration.BuildConfigFromConfigObject(merged, contextName);
        }
        catch (KubeConfigException ex) when (ex.Message.StartsWith("external exec", StringComparison.Ordinal))
        {
            var exec = users[details.User!].Entry.UserCredentials.ExternalExecution;
            var hint = string.IsNullOrWhiteSpace(exec.InstallHint) ? string.Empty : " " + exec.InstallHint.Trim();
            throw new KubeconfigException("KubeconfigExecFailed", ErrorKind.AuthenticationFailed, userFile, $"user '{details.User}': the exec credential plugin '{exec.Command}' gave no credential: {MessageText.FirstLine(ex.Message, trimPeriod: true)}.{hint}", ex);
        }
        catch (Exception ex) when (ex is KubeConfigException or IOException or CryptographicException or FormatException or UnauthorizedAccessException)
        {
            throw KubeconfigResolver.Invalid(userFile, $"context '{contextName}' cannot be used: {MessageText.FirstLine(ex.Message, trimPeriod: true)}", ex);
        }

        if (tokenFile is not null)
        {
            // Re-read as kubectl does, so a rotated token is picked up.
            configuration.TokenProvider = new TokenFileAuth(tokenFile);
        }

        return new ResolvedConnection(configuration, new KubernetesEndpoint(configuration.Host, contextName, details.User, configuration.Namespace, AllFiles));
    }

    private static string Choices(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? string.Empty : $" (defined: {string.Join(", ", list)})";
    }

    private static bool HasCredentials(UserCredentials? credentials) =>
        credentials is not null
        && (!string.IsNullOrWhiteSpace(credentials.Token)
            || !string.IsNullOrWhiteSpace(credentials.UserName)
            || !string.IsNullOrWhiteSpace(credentials.ClientCertificate)
            || !string.IsNullOrWhiteSpace(credentials.ClientCertificateData)
            || !string.IsNullOrWhiteSpace(credentials.ClientKey)
            || !string.IsNullOrWhiteSpace(credentials.ClientKeyData)
            || credentials.ExternalExecution is not null
            || credentials.AuthProvider is not null);

    private static void CheckCluster(Cluster cluster, string file)
    {
        var endpoint = cluster.ClusterEndpoint;
        var name = $"cluster '{cluster.Name}'";
        if (string.IsNullOrWhiteSpace(endpoint?.Server))
        {
            throw KubeconfigResolver.Invalid(file, $"{name} has no server; set it to the API server's URL, such as https://10.0.0.1:6443.");
        }

        if (!Uri.TryCreate(endpoint!.Server, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw KubeconfigResolver.Invalid(file, $"{name}: server '{endpoint.Server}' is not an http(s) URL such as https://10.0.0.1:6443.");
        }

        var hasCa = !string.IsNullOrEmpty(endpoint.CertificateAuthority) || !string.IsNullOrEmpty(endpoint.CertificateAuthorityData);
        if (endpoint.SkipTlsVerify && hasCa)
        {
            // kubectl refuses this combination too: the CA would be silently ignored.
            throw KubeconfigResolver.Invalid(file, $"{name} sets insecure-skip-tls-verify and a certificate-authority; remove one of them (kubectl refuses both together).");
        }

        if (!string.IsNullOrEmpty(endpoint.CertificateAuthorityData))
        {
            CheckPem(file, $"{name}: certificate-authority-data", DecodeBase64(file, $"{name}: certificate-authority-data", endpoint.CertificateAuthorityData), "CERTIFICATE");
        }
        else if (!string.IsNullOrEmpty(endpoint.CertificateAuthority))
        {
            CheckPem(file, $"{name}: certificate-authority {endpoint.CertificateAuthority}", ReadReferenced(file, $"{name}: certificate-authority", endpoint.CertificateAuthority), "CERTIFICATE");
        }
    }

    /// <summary>Checks the user's credentials; returns its token file, if that is how it authenticates.</summary>
    private static string? CheckUser(User user, string file, string? tokenFile)
    {
        var credentials = user.UserCredentials;
        var name = $"user '{user.Name}'";
        if (credentials is null)
        {
            return null;
        }

        CheckPair(file, name, "client-certificate-data", credentials.ClientCertificateData, "client-key-data", credentials.ClientKeyData);
        CheckPair(file, name, "client-certificate", credentials.ClientCertificate, "client-key", credentials.ClientKey);
        if (!string.IsNullOrEmpty(credentials.ClientCertificateData))
        {
            CheckPem(file, $"{name}: client-certificate-data", DecodeBase64(file, $"{name}: client-certificate-data", credentials.ClientCertificateData), "CERTIFICATE");
            CheckPem(file, $"{name}: client-key-data", DecodeBase64(file, $"{name}: client-key-data", credentials.ClientKeyData), "PRIVATE KEY");
        }
        else if (!string.IsNullOrEmpty(credentials.ClientCertificate))
        {
            CheckPem(file, $"{name}: client-certificate {credentials.ClientCertificate}", ReadReferenced(file, $"{name}: client-certificate", credentials.ClientCertificate), "CERTIFICATE");
            CheckPem(file, $"{name}: client-key {credentials.ClientKey}", ReadReferenced(file, $"{name}: client-key", credentials.ClientKey), "PRIVATE KEY");
        }

        if (credentials.ExternalExecution is { } exec)
        {
            if (string.IsNullOrWhiteSpace(exec.Command))
            {
                throw KubeconfigResolver.Invalid(file, $"{name}: exec has no command; name the credential plugin to run.");
            }

            if (string.IsNullOrWhiteSpace(exec.ApiVersion))
            {
                throw KubeconfigResolver.Invalid(file, $"{name}: exec has no apiVersion; use client.authentication.k8s.io/v1 (or v1beta1, as the plugin expects).");
            }
        }

        if (!string.IsNullOrWhiteSpace(credentials.Token) || tokenFile is null)
        {
            return null;
        }

        // KubernetesClient needs a token to accept the user; the provider set afterwards re-reads the file.
        credentials.Token = Encoding.UTF8.GetString(ReadReferenced(file, $"{name}: tokenFile", tokenFile)).Trim();
        if (credentials.Token.Length == 0)
        {
            throw KubeconfigResolver.Invalid(file, $"{name}: tokenFile {tokenFile} is empty.");
        }

        return tokenFile;
    }

    private static void CheckPair(string file, string user, string firstKey, string? first, string secondKey, string? second)
    {
        if (string.IsNullOrEmpty(first) != string.IsNullOrEmpty(second))
        {
            var (has, lacks) = string.IsNullOrEmpty(first) ? (secondKey, firstKey) : (firstKey, secondKey);
            throw KubeconfigResolver.Invalid(file, $"{user} has {has} but no {lacks}; a client certificate needs both.");
        }
    }

    private static byte[] ReadReferenced(string file, string what, string path)
    {
        try
        {
            return BoundedFile.ReadBytes(path, MaxFileBytes)
                ?? throw KubeconfigResolver.Invalid(file, $"{what} {path} holds more than {MaxFileBytes / 1024 / 1024} MB; it should be a file of a few kilobytes.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw KubeconfigResolver.Invalid(file, $"{what} {path} cannot be read: {MessageText.FirstLine(ex.Message, trimPeriod: true)}", ex);
        }
    }

    /// <summary>The most a kubeconfig, or a file it names, may hold: kubeconfigs with thousands of embedded certificates fit.</summary>
    internal const int MaxFileBytes = 16 * 1024 * 1024;

    /// <summary>A kubeconfig's text, or null when it holds more than <see cref="MaxFileBytes"/>.</summary>
    internal static string? ReadText(string path) => BoundedFile.ReadText(path, MaxFileBytes);

    private static byte[] DecodeBase64(string file, string what, string data)
    {
        try
        {
            return Convert.FromBase64String(data);
        }
        catch (FormatException ex)
        {
            throw KubeconfigResolver.Invalid(file, $"{what} is not base64; it holds the PEM file's bytes, base64-encoded (base64 -w0 < ca.crt).", ex);
        }
    }

    private static void CheckPem(string file, string what, byte[] content, string label)
    {
        var text = Encoding.ASCII.GetString(content);
        if (!text.Contains("-----BEGIN ", StringComparison.Ordinal) || !text.Contains(label + "-----", StringComparison.Ordinal))
        {
            throw KubeconfigResolver.Invalid(file, $"{what} holds no PEM {(label == "CERTIFICATE" ? "certificate" : "private key")} (-----BEGIN {label}-----).");
        }
    }

    private void Add(string file)
    {
        string text;
        try
        {
            text = ReadText(file)
                ?? throw KubeconfigResolver.Invalid(file, $"the file holds more than {MaxFileBytes / 1024 / 1024} MB; a kubeconfig holds a few kilobytes per cluster and user (is this the right file?).");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KubeconfigException("KubeconfigUnreadable", ErrorKind.ReadWriteError, file, $"cannot be read: {MessageText.FirstLine(ex.Message, trimPeriod: true)}", ex);
        }

        if (text.Trim().Length == 0)
        {
            if (files.Count == 1)
            {
                throw KubeconfigResolver.Invalid(file, "the file is empty; a kubeconfig defines clusters, users and contexts (kubectl config view shows one).");
            }

            return; // kubectl merges an empty file as an empty config.
        }

        K8SConfiguration config;
        IReadOnlyDictionary<string, string> tokenFiles;
        try
        {
            config = KubeconfigYaml.Read(text)
                ?? throw KubeconfigResolver.Invalid(file, "the file holds no kubeconfig.");
            tokenFiles = ReadTokenFiles(text);
        }
        catch (YamlException ex)
        {
            var where = ex.Start.Line > 0 ? $"line {ex.Start.Line}, column {ex.Start.Column}: " : string.Empty;
            throw KubeconfigResolver.Invalid(file, $"{where}not a kubeconfig: {MessageText.FirstLine(ex.Message, trimPeriod: true)}", ex);
        }

        foreach (var cluster in config.Clusters ?? Enumerable.Empty<Cluster>())
        {
            if (string.IsNullOrEmpty(cluster?.Name))
            {
                throw KubeconfigResolver.Invalid(file, "a cluster has no name.");
            }

            if (cluster!.ClusterEndpoint is { } endpoint)
            {
                endpoint.CertificateAuthority = Relative(file, endpoint.CertificateAuthority);
            }

            clusters.TryAdd(cluster.Name, (cluster, file));
        }

        foreach (var user in config.Users ?? Enumerable.Empty<User>())
        {
            if (string.IsNullOrEmpty(user?.Name))
            {
                throw KubeconfigResolver.Invalid(file, "a user has no name.");
            }

            if (user!.UserCredentials is { } credentials)
            {
                credentials.ClientCertificate = Relative(file, credentials.ClientCertificate);
                credentials.ClientKey = Relative(file, credentials.ClientKey);
                if (credentials.ExternalExecution is { Command: { } command } exec && command.IndexOfAny(new[] { '/', '\\' }) >= 0)
                {
                    // Like kubectl: a command with a path separator is relative to the kubeconfig, a bare name is looked up on PATH.
                    exec.Command = Relative(file, command);
                }
            }

            users.TryAdd(user.Name, (user, file, tokenFiles.TryGetValue(user.Name, out var token) ? Relative(file, token) : null));
        }

        foreach (var context in config.Contexts ?? Enumerable.Empty<Context>())
        {
            if (string.IsNullOrEmpty(context?.Name))
            {
                throw KubeconfigResolver.Invalid(file, "a context has no name.");
            }

            contexts.TryAdd(context!.Name, (context, file));
        }

        if (currentContext is null && !string.IsNullOrEmpty(config.CurrentContext))
        {
            currentContext = (config.CurrentContext, file);
        }
    }

    private static string Relative(string file, string path) =>
        string.IsNullOrEmpty(path) || Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, path));

    /// <summary>users[].user.tokenFile, which KubernetesClient's model does not have.</summary>
    private static IReadOnlyDictionary<string, string> ReadTokenFiles(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("users"), out var usersNode) || usersNode is not YamlSequenceNode userList)
        {
            return result;
        }

        foreach (var entry in userList.OfType<YamlMappingNode>())
        {
            if (entry.Children.TryGetValue(new YamlScalarNode("name"), out var nameNode) && nameNode is YamlScalarNode { Value: { } name }
                && entry.Children.TryGetValue(new YamlScalarNode("user"), out var userNode) && userNode is YamlMappingNode user
                && user.Children.TryGetValue(new YamlScalarNode("tokenFile"), out var tokenNode) && tokenNode is YamlScalarNode { Value: { Length: > 0 } path })
            {
                result[name] = path;
            }
        }

        return result;
    }
}
