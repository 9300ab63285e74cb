using System;
using System.Threading.Tasks;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Threading;
using Xunit;

namespace VsphereK8sStorage.Tests.Threading;

/// <summary>
/// Work spread over cores fails with the error one pass in order would throw: hosts map a VsphereK8sException to
/// its id and category, and would show an AggregateException's "One or more errors occurred" instead.
/// </summary>
public sealed class ParallelWorkTests
{
    [Fact]
    public void A_failure_inside_parallel_work_surfaces_as_itself_with_its_id()
    {
        var thrown = Assert.Throws<VsphereK8sException>(() => ParallelWork.Run(() => Parallel.For(0, 64, i =>
        {
            if (i == 17)
            {
                throw new VsphereK8sException("SomethingFailed", ErrorKind.InvalidOperation, "item 17 failed", i);
            }
        })));
        Assert.Equal("SomethingFailed", thrown.ErrorId);
    }

    [Fact]
    public void Work_that_succeeds_runs_every_item()
    {
        var done = new bool[64];
        ParallelWork.Run(() => Parallel.For(0, done.Length, i => done[i] = true));
        Assert.All(done, Assert.True);
    }
}
