namespace CrmSuite.Testing;

/// <summary>
/// An assembly fixture that stops the shared PostgreSQL cluster when the assembly's tests are done,
/// inside the test run. Left to process exit, the shutdown and the deletion of the data directory
/// can outlast the second the test runner waits for the process to end, and the runner then fails
/// the whole assembly ("foreground threads were left running") although every test passed.
/// Register it with <c>[assembly: AssemblyFixture(typeof(CrmSuite.Testing.SharedPostgresLifetime))]</c>
/// in every test assembly that calls <see cref="PostgresServer.SharedAsync"/>.
/// </summary>
public sealed class SharedPostgresLifetime : IAsyncDisposable
{
    public ValueTask DisposeAsync() => PostgresServer.StopSharedAsync();
}
