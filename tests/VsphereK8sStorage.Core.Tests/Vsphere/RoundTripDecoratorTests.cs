using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using VsphereK8sStorage.Vsphere.Soap;
using VsphereK8sStorage.Vsphere.Types;
using Xunit;

namespace VsphereK8sStorage.Tests.Vsphere;

/// <summary>Re-login and retry live in decorators of the round trip; these are their rules.</summary>
public sealed class RoundTripDecoratorTests
{
    private static readonly ManagedObjectReference Vm = new("VirtualMachine", "vm-1");

    private static readonly XElement Ok = new("Ok");

    [Fact]
    public async Task Many_callers_that_see_the_session_end_log_in_once_and_each_replays_once()
    {
        var session = new SoapSession("old");
        var server = new FakeServer(session);
        var logins = 0;
        var relogin = new ReloginRoundTripper(server, session, async ct =>
        {
            Interlocked.Increment(ref logins);
            await Task.Delay(20, ct);
            session.SetCookie("new");
        });

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => relogin.RoundTripAsync(new SoapRequest("ReconfigVM_Task", Vm), CancellationToken.None))));

        Assert.Equal(1, logins);
        Assert.Equal(1, relogin.Relogins);
        Assert.All(results, r => Assert.Same(Ok, r));
        Assert.Equal(50, server.Accepted); // every call ran exactly once with the live session
    }

    [Fact]
    public async Task A_second_refusal_after_logging_in_again_is_reported_not_looped()
    {
        var session = new SoapSession("old");
        var server = new FakeServer(session) { AlwaysRefuse = true };
        var relogin = new ReloginRoundTripper(server, session, _ => { session.SetCookie("new"); return Task.CompletedTask; });

        var error = await Assert.ThrowsAsync<VsphereFaultException>(() => relogin.RoundTripAsync(new SoapRequest("ReconfigVM_Task", Vm), CancellationToken.None));

        Assert.Equal(VsphereFaultKind.NotAuthenticated, error.FaultKind);
        Assert.Equal(1, relogin.Relogins);
        Assert.Equal(2, server.Calls);
    }

    [Fact]
    public async Task Calls_that_need_no_session_are_never_answered_with_a_login()
    {
        var session = new SoapSession("old");
        var relogin = new ReloginRoundTripper(new FakeServer(session), session, _ => throw new InvalidOperationException("must not log in"));

        await Assert.ThrowsAsync<VsphereFaultException>(() => relogin.RoundTripAsync(new SoapRequest("Login", Vm) { NeedsSession = false }, CancellationToken.None));

        Assert.Equal(0, relogin.Relogins);
    }

    [Theory]
    [InlineData("unreachable, not idempotent", SoapTransportFailure.Unreachable, false, 3)]
    [InlineData("refused or an unknown name, idempotent", SoapTransportFailure.Refused, true, 1)]
    [InlineData("service unavailable, not idempotent", SoapTransportFailure.Unavailable, false, 3)]
    [InlineData("broken, idempotent", SoapTransportFailure.Broken, true, 3)]
    [InlineData("broken, not idempotent", SoapTransportFailure.Broken, false, 1)]
    [InlineData("timeout, not idempotent", SoapTransportFailure.Timeout, false, 1)]
    [InlineData("certificate", SoapTransportFailure.Certificate, true, 1)]
    [InlineData("not SOAP", SoapTransportFailure.InvalidResponse, true, 1)]
    public async Task Transport_failures_are_retried_only_where_a_repeat_is_safe(string name, SoapTransportFailure failure, bool idempotent, int attempts)
    {
        var calls = 0;
        var failing = new Lambda(_ =>
        {
            calls++;
            throw new SoapTransportException("X", failure, name, "vc");
        });
        var retrying = new RetryingRoundTripper(failing, maxAttempts: 3, firstDelay: TimeSpan.FromMilliseconds(1));

        await Assert.ThrowsAsync<SoapTransportException>(() => retrying.RoundTripAsync(new SoapRequest("M", Vm) { Idempotent = idempotent }, CancellationToken.None));

        Assert.True(attempts == calls, $"{name}: {calls} attempts");
    }

    [Fact]
    public async Task A_retry_that_succeeds_returns_the_answer_and_faults_are_never_retried()
    {
        var calls = 0;
        var flaky = new Lambda(_ => ++calls < 2 ? throw new SoapTransportException("X", SoapTransportFailure.Unreachable, "down", "vc") : Ok);
        var faulting = new Lambda(_ => { calls++; throw VsphereFaultException.ForCall(new VsphereFault("InvalidState", "no", null), "M"); });

        Assert.Same(Ok, await new RetryingRoundTripper(flaky, 3, TimeSpan.FromMilliseconds(1)).RoundTripAsync(new SoapRequest("M", Vm), CancellationToken.None));
        calls = 0;
        await Assert.ThrowsAsync<VsphereFaultException>(() => new RetryingRoundTripper(faulting, 3, TimeSpan.FromMilliseconds(1)).RoundTripAsync(new SoapRequest("M", Vm) { Idempotent = true }, CancellationToken.None));
        Assert.Equal(1, calls);
    }

    /// <summary>Accepts calls made with the cookie "new"; refuses others with NotAuthenticated, as vCenter does after TerminateSession.</summary>
    private sealed class FakeServer : ISoapRoundTripper
    {
        private readonly SoapSession session;
        private int calls;
        private int accepted;

        public FakeServer(SoapSession session) => this.session = session;

        public bool AlwaysRefuse { get; init; }

        public int Calls => calls;

        public int Accepted => accepted;

        public async Task<XElement> RoundTripAsync(SoapRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            var cookie = session.Cookie;
            await Task.Yield();
            if (AlwaysRefuse || cookie != "new")
            {
                throw VsphereFaultException.ForCall(new VsphereFault("NotAuthenticated", "session ended", null), request.Method);
            }

            Interlocked.Increment(ref accepted);
            return Ok;
        }
    }

    private sealed class Lambda : ISoapRoundTripper
    {
        private readonly Func<SoapRequest, XElement> answer;

        public Lambda(Func<SoapRequest, XElement> answer) => this.answer = answer;

        public Task<XElement> RoundTripAsync(SoapRequest request, CancellationToken cancellationToken) => Task.FromResult(answer(request));
    }
}
