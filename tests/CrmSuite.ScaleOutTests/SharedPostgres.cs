[assembly: AssemblyFixture(typeof(CrmSuite.Testing.SharedPostgresLifetime))]
