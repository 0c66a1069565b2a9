# The AppHost's environment for a local run without an IDE (sourced by ./run-suite and
# bench/suite-memory after scripts/prerequisites.sh): Development settings over plain HTTP and
# free ports for the dashboard and its telemetry and resource endpoints.
suite_environment() {
  export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
  export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
  export ASPNETCORE_URLS="http://localhost:${CRM_DASHBOARD_PORT:-$(free_port)}"
  export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://localhost:$(free_port)"
  export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="http://localhost:$(free_port)"
}

# The built AppHost itself, not through `dotnet run` (one process less); it starts the services' built outputs.
suite_apphost=AppHost/CrmSuite.AppHost/bin/Debug/net10.0/CrmSuite.AppHost
