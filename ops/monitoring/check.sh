#!/usr/bin/env bash
# Checks the monitoring files with promtool: the alert rules (`check rules`),
# their unit tests (`test rules`: input series per alert) and the Prometheus
# configuration of the Docker deployment (`check config`, syntax: its secret
# file exists only there).
#
# promtool comes from, in this order: $PROMTOOL; `promtool` on the PATH; the
# cache $UTOPIA_HOME/tools/promtool (like the stack's jars); else it is
# installed into that cache from Debian's `prometheus` package (2.42, only
# the promtool binary is unpacked: no server is installed or started), or,
# without apt, built from the Prometheus Go module (needs Go; a few minutes).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
home="${UTOPIA_HOME:-.utopia}"
case "$home" in /*) ;; *) home="$repo/$home" ;; esac
cache="$home/tools/promtool"
PROMTOOL_GO_VERSION="${PROMTOOL_GO_VERSION:-v0.316.0}"

find_promtool() {
  if [ -n "${PROMTOOL:-}" ] && [ -x "$PROMTOOL" ]; then echo "$PROMTOOL"; return 0; fi
  if command -v promtool >/dev/null 2>&1; then command -v promtool; return 0; fi
  for candidate in "$cache/usr/bin/promtool" "$cache/bin/promtool"; do
    if [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

install_promtool() {
  mkdir -p "$cache"
  if command -v apt-get >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1; then
    echo "installing promtool into $cache from Debian's prometheus package" >&2
    local tmp
    tmp="$(mktemp -d)"
    chmod 777 "$tmp" # apt's download sandbox user writes here
    if ! (cd "$tmp" && apt-get download prometheus >/dev/null 2>&1); then
      apt-get update >/dev/null
      (cd "$tmp" && apt-get download prometheus >/dev/null)
    fi
    dpkg-deb --fsys-tarfile "$tmp"/prometheus_*.deb | tar -x -C "$cache" ./usr/bin/promtool
    rm -rf "$tmp"
  elif command -v go >/dev/null 2>&1; then
    echo "building promtool $PROMTOOL_GO_VERSION into $cache/bin with go install (a few minutes)" >&2
    GOBIN="$cache/bin" go install "github.com/prometheus/prometheus/cmd/promtool@$PROMTOOL_GO_VERSION"
  else
    echo "promtool not found and neither apt-get nor go is available: install Prometheus' promtool or set PROMTOOL" >&2
    exit 2
  fi
}

promtool="$(find_promtool || { install_promtool >&2; find_promtool; })"
echo "using $promtool ($("$promtool" --version 2>&1 | sed -n 1p))"

cd "$here/prometheus"
"$promtool" check rules alerts.yml
"$promtool" test rules alerts.test.yml
"$promtool" check config --syntax-only prometheus.yml
echo "monitoring checks passed"
