#!/usr/bin/env bash
# Install the system packages the tests start for real (sshd, rsync, nginx, a browser, a JRE,
# Node.js), only when one is missing. Quiet and quick when everything is present, so CI can always run it.
set -euo pipefail

PACKAGES=(openssh-server rsync nginx libnginx-mod-http-brotli-static chromium default-jre-headless)
# Node.js and npm (Lighthouse, vnu-jar, axe-core in tests/browser) only when the commands are
# missing: a node installed another way is fine.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    PACKAGES+=(nodejs npm)
fi

missing=()
for package in "${PACKAGES[@]}"; do
    # dpkg-query prints "install ok installed" only for a fully installed package.
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    if [[ "$status" != "install ok installed" ]]; then
        missing+=("$package")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo --non-interactive)
else
    echo "ci-system-packages: need root or sudo to install: ${missing[*]}" >&2
    exit 1
fi

echo "ci-system-packages: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
# --no-install-recommends keeps the image small; policy-rc.d-less containers may try to start
# the services, which is harmless: the tests start their own sshd and nginx on free ports.
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
