# The clients service, built from the repository's root:
#   docker build -f deploy/docker/clients.Dockerfile -t crmsuite/clients:<version> .
# (scripts/build-images.sh builds and pushes every image). charts/crmsuite runs it as user 1654
# with a read-only root file system and /tmp on an emptyDir; `dotnet CrmSuite.Clients.Api.dll migrate` is its migration Job.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# global.json pins the developers' SDK feature band; the SDK image has another band of the same .NET 10.
RUN rm global.json && dotnet publish services/Clients/CrmSuite.Clients.Api/CrmSuite.Clients.Api.csproj -c Release -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
USER $APP_UID
EXPOSE 8080 8081
ENTRYPOINT ["dotnet", "CrmSuite.Clients.Api.dll"]
