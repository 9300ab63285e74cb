using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using VsphereK8sStorage.Vsphere.Soap;

namespace VsphereK8sStorage.Tests.Vsphere;

/// <summary>
/// Answers SOAP requests with recorded responses (Vsphere/Recorded/*.xml), parsed by the real envelope reader, and
/// keeps every request as the XML the client would have sent.
/// </summary>
internal sealed class RecordedRoundTripper : ISoapRoundTripper
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<SoapRequest, XElement>>> answers = new(StringComparer.Ordinal);

    public ConcurrentQueue<(SoapRequest Request, XDocument Xml)> Requests { get; } = new();

    public static string Recorded(string name) => Path.Combine(AppContext.BaseDirectory, "Vsphere", "Recorded", name);

    /// <summary>The next <paramref name="method"/> call gets the recorded file <paramref name="file"/>.</summary>
    public RecordedRoundTripper Answer(string method, string file) =>
        Answer(method, request => Read(File.ReadAllBytes(Recorded(file)), request));

    public RecordedRoundTripper Answer(string method, Func<SoapRequest, XElement> answer)
    {
        answers.GetOrAdd(method, _ => new ConcurrentQueue<Func<SoapRequest, XElement>>()).Enqueue(answer);
        return this;
    }

    public static XElement Read(byte[] response, SoapRequest request) =>
        SoapEnvelope.ReadResponse(new MemoryStream(response), request, "vcenter.test");

    public static XElement Read(string response, SoapRequest request) => Read(Encoding.UTF8.GetBytes(response), request);

    public IEnumerable<string> Methods()
    {
        foreach (var (request, _) in Requests)
        {
            yield return request.Method;
        }
    }

    public Task<XElement> RoundTripAsync(SoapRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Requests.Enqueue((request, XDocument.Parse(Encoding.UTF8.GetString(SoapEnvelope.Write(request, null)))));
        if (!answers.TryGetValue(request.Method, out var queue) || !queue.TryDequeue(out var answer))
        {
            throw new InvalidOperationException($"No recorded answer left for {request.Method}.");
        }

        return Task.FromResult(answer(request));
    }
}
