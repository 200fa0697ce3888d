#!/bin/sh
# Healthy = this master is active, a region server is live, and hbase:meta
# has been read once since this master started (the local stack's "ready"
# rule: a client can read meta).
#
# The first two come from the master's /jmx (cheap, every interval). The meta
# read starts the JRuby shell, about 20 s of CPU, so it only runs until it
# succeeds once per master start; the marker carries the master's start time
# so that a restarted master is checked again.
set -eu

jmx=$(curl -fsS --max-time 5 'http://127.0.0.1:16010/jmx?qry=Hadoop:service=HBase,name=Master,sub=Server')
printf '%s' "$jmx" | grep -q '"tag.isActiveMaster" *: *"true"'
printf '%s' "$jmx" | grep -Eq '"numRegionServers" *: *[1-9]'

started=$(printf '%s' "$jmx" | sed -n 's/.*"masterStartTime" *: *\([0-9][0-9]*\).*/\1/p' | head -n 1)
marker="/tmp/hbase-meta-readable.${started:-unknown}"
[ -f "$marker" ] && exit 0

# -n: non-interactive, exits non-zero on the first error.
echo "scan 'hbase:meta', {LIMIT => 1}" | hbase shell -n >/dev/null 2>&1
touch "$marker"
