#!/usr/bin/env bash
# Builds the image of every CrmSuite service from deploy/docker/<service>.Dockerfile and pushes it:
#   REGISTRY=registry.example.com TAG=0.1.0 scripts/build-images.sh
# Then install the chart with image.registry=$REGISTRY and image.tag=$TAG (charts/crmsuite).
# PUSH=false only builds. Needs Docker (with BuildKit) and, to push, `docker login $REGISTRY` first.
set -euo pipefail
cd "$(dirname "$0")/.."

services=(identity audit clients warehouse scheduling documents kpi gateway)
registry=${REGISTRY:-}
tag=${TAG:-$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' charts/crmsuite/Chart.yaml)}
push=${PUSH:-true}

if ! command -v docker >/dev/null 2>&1; then
  echo "Docker is not installed here: build the images on a machine with Docker (https://docs.docker.com/engine/install/)." >&2
  exit 1
fi
if ! docker info >/dev/null 2>&1; then
  echo "Docker is installed but its engine does not answer (is the daemon running, may this user use it?)." >&2
  exit 1
fi
if [ "$tag" = latest ] || [ -z "$tag" ]; then
  echo "TAG must be a version (the chart refuses 'latest')." >&2
  exit 1
fi
if [ "$push" = true ] && [ -z "$registry" ]; then
  echo "REGISTRY is required to push (e.g. REGISTRY=registry.example.com), or PUSH=false to only build." >&2
  exit 1
fi

prefix=${registry:+${registry%/}/}
for service in "${services[@]}"; do
  image="${prefix}crmsuite/$service:$tag"
  echo "Building $image..."
  DOCKER_BUILDKIT=1 docker build -f "deploy/docker/$service.Dockerfile" -t "$image" .
  if [ "$push" = true ]; then
    docker push "$image"
  fi
done
echo "Images ${prefix}crmsuite/<service>:$tag are ready: helm install ... --set image.registry=${registry%/} --set image.tag=$tag"
