#!/usr/bin/env bash
# Turns the files compare.sh writes (JSON from berth bench, TSV from wrk, skopeo, curl) into Markdown tables with
# the ratios Berth/distribution and Berth/nginx. Usage: bench/summarize.sh [RESULTS_DIR]
set -euo pipefail
dir=${1:-$(dirname "$0")/results}

# field FILE CLIENTS JQ-EXPR: one figure of one level, "-" when the file or level is missing.
field() { [ -f "$1" ] && jq -r --argjson c "$2" "[.levels[] | select(.concurrency == \$c) | $3][0] // \"-\"" "$1" 2>/dev/null || echo -; }
num() { awk -v v="$1" -v d="${2:-0}" 'BEGIN { if (v == "-" || v == "") print "-"; else printf "%.*f", d, v }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b + 0 == 0) print "-"; else printf "%.2f×", a / b }'; }
levels_of() { jq -r '.levels[].concurrency' "$1" 2>/dev/null | tr '\n' ' '; }
errors() { [ -f "$1" ] && jq -r --argjson c "$2" '[.levels[] | select(.concurrency == $c) | .errors | to_entries[] | "\(.value) \(.key)"] | if length == 0 then "0" else join(", ") end' "$1" 2>/dev/null || echo -; }
rss() { field "$1" "$2" '([.server.peakRssMiB, .server.maxSampledRssMiB] | max)'; }

rate_table() { # title scenario jq-metric unit digits with-nginx cpu-metric cpu-label
  local title=$1 scenario=$2 metric=$3 unit=$4 digits=$5 nginx=$6 cpu_metric=$7 cpu_label=$8
  local b="$dir/$scenario-berth.json" d="$dir/$scenario-distribution.json" n="$dir/$scenario-nginx.json"
  [ -f "$b" ] || [ -f "$d" ] || return 0
  echo "### $title"; echo
  if [ "$nginx" = yes ]; then
    echo "| clients | Berth $unit | distribution $unit | nginx $unit | Berth/distribution | Berth/nginx | p99 ms B / d / n | $cpu_label B / d / n | server RSS MiB B / d / n | errors B / d / n |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  else
    echo "| clients | Berth $unit | distribution $unit | Berth/distribution | p99 ms B / d | $cpu_label B / d | server RSS MiB B / d | errors B / d |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---|"
  fi
  for c in $(levels_of "$b") $( [ -f "$b" ] || levels_of "$d"); do
    local vb vd vn
    vb=$(field "$b" "$c" "$metric"); vd=$(field "$d" "$c" "$metric"); vn=$(field "$n" "$c" "$metric")
    local p99="$(num "$(field "$b" "$c" .latency.p99)" 1) / $(num "$(field "$d" "$c" .latency.p99)" 1)"
    local cpu="$(num "$(field "$b" "$c" "$cpu_metric")" 2) / $(num "$(field "$d" "$c" "$cpu_metric")" 2)"
    local mem="$(num "$(rss "$b" "$c")") / $(num "$(rss "$d" "$c")")"
    local err="$(errors "$b" "$c") / $(errors "$d" "$c")"
    if [ "$nginx" = yes ]; then
      p99="$p99 / $(num "$(field "$n" "$c" .latency.p99)" 1)"; cpu="$cpu / $(num "$(field "$n" "$c" "$cpu_metric")" 2)"
      mem="$mem / $(num "$(rss "$n" "$c")")"; err="$err / $(errors "$n" "$c")"
      echo "| $c | $(num "$vb" "$digits") | $(num "$vd" "$digits") | $(num "$vn" "$digits") | $(ratio "$vb" "$vd") | $(ratio "$vb" "$vn") | $p99 | $cpu | $mem | $err |"
    else
      echo "| $c | $(num "$vb" "$digits") | $(num "$vd" "$digits") | $(ratio "$vb" "$vd") | $p99 | $cpu | $mem | $err |"
    fi
  done
  echo
}

rate_table "Manifest GET by tag (berth bench, one request per operation)" manifest .requestsPerSecond "req/s" 0 yes .serverCpuMicrosecondsPerRequest "server CPU µs/request"
if [ -f "$dir/wrk-manifest.tsv" ]; then
  echo "### Manifest GET by tag (wrk -t2, keep-alive)"; echo
  echo "| clients | Berth req/s | distribution req/s | nginx req/s | Berth/distribution | Berth/nginx | p99 ms B / d / n | errors B / d / n |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---|"
  awk -F'\t' 'NR > 1 { r[$1, $2] = $3; p[$1, $2] = $5; e[$1, $2] = $6; if (!seen[$2]++) order[++n] = $2 }
    function ratio(a, b) { return b > 0 ? sprintf("%.2f×", a / b) : "-" }
    END { for (i = 1; i <= n; i++) { c = order[i]
      printf "| %s | %.0f | %.0f | %.0f | %s | %s | %s / %s / %s | %s / %s / %s |\n", c, r["berth", c], r["distribution", c], r["nginx", c],
        ratio(r["berth", c], r["distribution", c]), ratio(r["berth", c], r["nginx", c]), p["berth", c], p["distribution", c], p["nginx", c],
        e["berth", c], e["distribution", c], e["nginx", c] } }' "$dir/wrk-manifest.tsv"
  echo
fi
rate_table "Blob pull (all clients pull the same image, blobs streamed and discarded)" pull .megabytesPerSecond "MB/s" 0 yes .serverCpuSecondsPerGigabyte "server CPU s/GB"
if [ -f "$dir/pull-offload.json" ]; then
  o="$dir/pull-offload.json" n="$dir/pull-nginx.json"
  echo "### Blob pull through nginx with X-Accel-Redirect (Berth authorises, nginx sends the file)"; echo
  echo "| clients | Berth+nginx MB/s | nginx static MB/s | Berth+nginx / nginx | p99 ms B+n / n | server CPU s/GB B+n / n | server RSS MiB B+n / n | errors B+n / n |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---|"
  for c in $(levels_of "$o"); do
    vo=$(field "$o" "$c" .megabytesPerSecond); vn=$(field "$n" "$c" .megabytesPerSecond)
    echo "| $c | $(num "$vo") | $(num "$vn") | $(ratio "$vo" "$vn") | $(num "$(field "$o" "$c" .latency.p99)" 1) / $(num "$(field "$n" "$c" .latency.p99)" 1) | $(num "$(field "$o" "$c" .serverCpuSecondsPerGigabyte)" 2) / $(num "$(field "$n" "$c" .serverCpuSecondsPerGigabyte)" 2) | $(num "$(rss "$o" "$c")") / $(num "$(rss "$n" "$c")") | $(errors "$o" "$c") / $(errors "$n" "$c") |"
  done
  echo
fi
rate_table "Push (unique content, monolithic upload, HEAD + POST + PUT per blob, then the manifest)" push .megabytesPerSecond "MB/s" 0 no .serverCpuSecondsPerGigabyte "server CPU s/GB"
rate_table "Mixed (90% manifest GET, 9% pull, 1% push; 1 MiB layers)" mixed .requestsPerSecond "req/s" 0 no .serverCpuMicrosecondsPerRequest "server CPU µs/request"

if [ -f "$dir/e2e.tsv" ]; then
  echo "### End to end with real clients"; echo
  echo "| client | operation | Berth s | distribution s | nginx s | Berth/distribution (speed) | Berth/nginx (speed) | server CPU s B / d / n |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' 'NR > 1 && $1 != "openssl" { k = $1 "\t" $2; s[k, $3] = $4; cpu[k, $3] = $6; if (!seen[k]++) order[++n] = k }
    $1 == "openssl" { sha = $0 }
    function v(x) { return x == "" ? "-" : x }
    function speed(a, b) { return (a > 0 && b > 0) ? sprintf("%.2f×", b / a) : "-" }
    END { for (i = 1; i <= n; i++) { k = order[i]; split(k, parts, "\t")
      printf "| %s | %s | %s | %s | %s | %s | %s | %s / %s / %s |\n", parts[1], parts[2], v(s[k, "berth"]), v(s[k, "distribution"]), v(s[k, "nginx"]),
        speed(s[k, "berth"], s[k, "distribution"]), speed(s[k, "berth"], s[k, "nginx"]), v(cpu[k, "berth"]), v(cpu[k, "distribution"]), v(cpu[k, "nginx"]) }
      if (sha != "") { split(sha, f, "\t"); printf "\nOpenSSL SHA-256 on one core: %s MB/s, i.e. %s CPU-s per GB.\n", f[5], f[6] } }' "$dir/e2e.tsv"
  echo
fi
