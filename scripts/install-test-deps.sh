#!/usr/bin/env bash
# Installs the Debian packages the tests drive as real peers. Idempotent; needs root.
set -euo pipefail
packages=(skopeo umoci podman containerd docker-registry nginx jq curl)
# Each service script may add its own packages in scripts/test-services/*.packages (one a line).
for f in "$(dirname "$0")"/test-services/*.packages; do
  [ -e "$f" ] || continue
  while read -r p; do [ -n "$p" ] && packages+=("$p"); done < "$f"
done
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}" >&2
fi
