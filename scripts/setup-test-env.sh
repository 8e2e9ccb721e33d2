#!/usr/bin/env bash
# Prepares what the test suite needs on this machine (idempotent, quick when already done).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "setup-test-env: nothing to prepare yet"

# Headless Chromium + chromedriver for example-app's browser end-to-end test (Debian packages).
setup_browser() {
	if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
		echo "setup-test-env: chromium and chromedriver already installed"
		return
	fi
	local sudo=""
	if [ "$(id -u)" -ne 0 ]; then
		sudo="sudo"
	fi
	echo "setup-test-env: installing chromium and chromium-driver"
	$sudo apt-get update -qq
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
}

setup_browser
