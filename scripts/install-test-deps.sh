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
# The tests start every server themselves on 127.0.0.1; a package's own service (glance-api binds 0.0.0.0:9292) must
# not start on install, which a policy-rc.d that refuses every start prevents for the duration of the install.
policy_rc=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee /usr/sbin/policy-rc.d >/dev/null && "${sudo[@]}" chmod +x /usr/sbin/policy-rc.d && policy_rc=1
fi
"${sudo[@]}" apt-get update -q -o DPkg::Lock::Timeout=600 >&2
"${sudo[@]}" apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}" >&2
[ $policy_rc = 1 ] && "${sudo[@]}" rm -f /usr/sbin/policy-rc.d

# The tests start the reference registry themselves on a free port; on a machine with systemd its packaged service
# would take 127.0.0.1:5000, the port the README starts Berth on.
if [[ " ${missing[*]} " == *" docker-registry "* ]] && command -v systemctl >/dev/null && systemctl is-system-running >/dev/null 2>&1; then
  "${sudo[@]}" systemctl disable --now docker-registry.service >&2 || true
fi
