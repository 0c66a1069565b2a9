#!/usr/bin/env bash
# Refreshes the vendored bpmn-js (the process editor's modeler and the monitoring viewer) in
# gateway/CrmSuite.Gateway.UI/wwwroot/lib/bpmn-js/ from the npm registry:
#   scripts/vendor-bpmn-js.sh            # the pinned version
#   BPMN_JS_VERSION=18.31.1 scripts/vendor-bpmn-js.sh
# Only this script needs npm (and only the registry); the suite serves the checked-in files and
# never runs npm. bpmn-js is MIT with one condition: the bpmn.io watermark stays visible on the
# canvas, so the editor and the viewer never hide it (see LICENSE next to the files).
set -euo pipefail
cd "$(dirname "$0")/.."

version=${BPMN_JS_VERSION:-18.31.1}
target=gateway/CrmSuite.Gateway.UI/wwwroot/lib/bpmn-js

if ! command -v npm >/dev/null 2>&1; then
  echo "npm is not installed: install Node.js (which brings npm) to refresh the vendored bpmn-js." >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "bpmn-js@$version" >/dev/null)
tar -xzf "$work"/bpmn-js-"$version".tgz -C "$work"
dist="$work/package/dist"

rm -rf "$target"
mkdir -p "$target/assets/bpmn-font/css" "$target/assets/bpmn-font/font"
cp "$dist/bpmn-modeler.production.min.js" "$dist/bpmn-navigated-viewer.production.min.js" "$target/"
cp "$dist/assets/diagram-js.css" "$dist/assets/bpmn-js.css" "$target/assets/"
cp "$dist/assets/bpmn-font/css/bpmn.css" "$target/assets/bpmn-font/css/"
cp "$dist"/assets/bpmn-font/font/bpmn.{woff2,woff,ttf,eot,svg} "$target/assets/bpmn-font/font/" 2>/dev/null || true
cp "$work/package/LICENSE" "$target/LICENSE"
echo "$version" > "$target/VERSION"
echo "bpmn-js $version vendored into $target:"
(cd "$target" && find . -type f | sort)
