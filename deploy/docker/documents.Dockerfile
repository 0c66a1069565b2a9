# The documents service (files, templates, PDF by a warm headless Chromium), built from the
# repository's root:
#   docker build -f deploy/docker/documents.Dockerfile -t crmsuite/documents:<version> .
# (scripts/build-images.sh builds and pushes every image). charts/crmsuite runs it as user 1654
# with a read-only root file system and /tmp on an emptyDir; `dotnet CrmSuite.Documents.Api.dll migrate`
# is its migration Job.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# global.json pins the developers' SDK feature band; the SDK image has another band of the same .NET 10.
RUN rm global.json && dotnet publish services/Documents/CrmSuite.Documents.Api/CrmSuite.Documents.Api.csproj -c Release -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# Chromium for the PDFs: the aspnet image is Ubuntu 24.04, whose `chromium` package is only a snap
# stub, so the Chromium build that matches the service's Playwright is installed with its system
# libraries by Playwright's own installer, and linked where Documents:Rendering:ChromiumPath
# expects it (/usr/bin/chromium, as on the Debian development machines).
ENV PLAYWRIGHT_BROWSERS_PATH=/opt/ms-playwright
RUN "$(ls -d /app/.playwright/node/linux-*)/node" /app/.playwright/package/cli.js install --with-deps chromium \
    && ln -s "$(ls -d /opt/ms-playwright/chromium-*/chrome-linux*/chrome | head -n 1)" /usr/bin/chromium \
    && /usr/bin/chromium --version \
    && rm -rf /var/lib/apt/lists/*
USER $APP_UID
EXPOSE 8080 8081
ENTRYPOINT ["dotnet", "CrmSuite.Documents.Api.dll"]
