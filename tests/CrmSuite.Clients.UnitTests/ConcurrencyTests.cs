using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Grpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.UnitTests;

/// <summary>Concurrency conflicts are answered one way, whichever path they take.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task A_save_that_lost_a_race_answers_aborted_with_a_reload_hint_not_a_server_error()
    {
        var interceptor = new ErrorMappingInterceptor();

        var error = await Assert.ThrowsAsync<RpcException>(() => interceptor.UnaryServerHandler<string, string>(
            "request", new CallContext(), (_, _) => throw new DbUpdateConcurrencyException("The row was updated by another transaction.")));

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal("The record was changed by someone else; reload it and try again.", error.Status.Detail);
    }

    [Fact]
    public async Task A_stale_version_answers_aborted_naming_the_record()
    {
        var interceptor = new ErrorMappingInterceptor();

        var error = await Assert.ThrowsAsync<RpcException>(() => interceptor.UnaryServerHandler<string, string>(
            "request", new CallContext(), (_, _) =>
            {
                Concurrency.CheckVersion("Price list", "0193f1a2", actual: 8, expected: 7);
                return Task.FromResult("changed");
            }));

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal("Price list '0193f1a2' was changed by someone else; reload it and try again.", error.Status.Detail);
    }

    [Theory]
    [InlineData(8u)]
    [InlineData(null)]
    public void The_current_version_or_none_lets_the_change_through(uint? expected) =>
        Concurrency.CheckVersion("Price list", "0193f1a2", actual: 8, expected);

    /// <summary>A call context for the interceptor alone: these paths read nothing from it.</summary>
    private sealed class CallContext : ServerCallContext
    {
        protected override string MethodCore => "/crmsuite.test.v1.Test/Call";
        protected override string HostCore => "localhost";
        protected override string PeerCore => "ipv4:127.0.0.1:1";
        protected override DateTime DeadlineCore => DateTime.MaxValue;
        protected override Metadata RequestHeadersCore { get; } = [];
        protected override CancellationToken CancellationTokenCore => CancellationToken.None;
        protected override Metadata ResponseTrailersCore { get; } = [];
        protected override Status StatusCore { get; set; }
        protected override WriteOptions? WriteOptionsCore { get; set; }
        protected override AuthContext AuthContextCore => new(null, []);
        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();
        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
    }
}
