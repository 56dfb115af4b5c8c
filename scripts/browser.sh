#!/usr/bin/env bash
# Headless Chromium and its driver for the Swagger UI test, from Debian's packages.
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium is missing; run: sudo apt-get install -y chromium chromium-driver" >&2
  exit 1
fi
DEBIAN_FRONTEND=noninteractive apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
