# shellcheck shell=bash
# Shell helpers of bench/run and bench/pair (sourced, not run). They use the sourcing script's
# $work (scratch directory), $password, $threads, $connections and $seconds.
# shellcheck disable=SC2154

# free_port → a free TCP port on 127.0.0.1
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# bench_login BASE USER → "cookie csrf" (the session cookie and the CSRF token of the answer; "- -"
# when the sign-in was refused)
bench_login() {
  local headers body
  headers=$(mktemp -p "$work")
  body=$(curl -sS -D "$headers" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$2\",\"password\":\"$password\"}" "$1/api/v1/auth/login")
  local cookie csrf
  cookie=$(grep -i '^set-cookie:' "$headers" | head -1 | sed -E 's/^[Ss]et-[Cc]ookie: *([^;]*).*/\1/')
  csrf=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])' <<<"$body" 2>/dev/null) || true
  echo "${cookie:--} ${csrf:--}"
}

# bench_wrk LABEL URL SCRIPT [extra wrk args] → one line "label rps p50 p99 errors" (SCRIPT: a Lua
# script of bench/)
bench_wrk() {
  local label=$1 url=$2 script=$3
  shift 3
  local out
  out=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s "bench/$script" "$@" "$url" 2>&1)
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  errors=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")
  echo "$label ${rps:-0} ${p50:--} ${p99:--} ${errors:-0}"
}

# cpu_ticks PID… → the CPU time (user + system, in clock ticks) the processes have used so far
# (gone processes count nothing)
cpu_ticks() {
  local total=0 pid f
  for pid in "$@"; do
    read -r -a f <"/proc/$pid/stat" 2>/dev/null || continue
    total=$((total + f[13] + f[14]))
  done
  echo "$total"
}
