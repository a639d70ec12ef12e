#!/usr/bin/env bash
# One command from a fresh clone to the demo: installs what the demo needs (Debian's Chromium,
# the locked npm dependencies), builds, and opens Chromium with the extension loaded on a
# synthetic EHR page with the panel open. Needs ../shared/data (or MARGINALIA_DATA) for the
# terminology; without a display it codes the demo note in a headless Chromium, prints the
# codes, writes a screenshot of the panel to dist/demo/ and prints how to load the extension.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -x /usr/bin/chromium ]]; then
  as_root=()
  if [[ "$(id -u)" != 0 ]]; then as_root=(sudo); fi
  "${as_root[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y chromium
fi

export PUPPETEER_SKIP_DOWNLOAD=1
if [[ ! -d node_modules ]]; then npm ci; fi
npm run demo
