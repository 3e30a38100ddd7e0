#!/usr/bin/env bash
# Installs the Debian packages the tests drive as real peers (skopeo, podman, umoci, containerd, the reference
# registry, ...). Idempotent: apt is only touched when something is missing. Needs root (or sudo).
set -euo pipefail
packages=(skopeo umoci podman containerd docker-registry nginx jq curl ca-certificates strace)
# Each service script may add its own packages in scripts/test-services/*.packages (one a line).
for f in "$(dirname "$0")"/test-services/*.packages; do
  [ -e "$f" ] || continue
  while read -r p; do [ -n "$p" ] && [ "${p#\#}" = "$p" ] && packages+=("$p"); done < "$f"
done
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-test-deps: run as root (or install sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q -o DPkg::Lock::Timeout=600 >&2
"${sudo[@]}" apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}" >&2

# The tests start the reference registry themselves on a free port; on a machine with systemd its packaged service
# would take 127.0.0.1:5000, the port the README starts Berth on.
if [[ " ${missing[*]} " == *" docker-registry "* ]] && command -v systemctl >/dev/null && systemctl is-system-running >/dev/null 2>&1; then
  "${sudo[@]}" systemctl disable --now docker-registry.service >&2 || true
fi
