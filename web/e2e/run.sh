#!/usr/bin/env bash
# Runs the browser journeys against a real `lvzhi serve` on a fresh SQLite database.
# usage: e2e/run.sh LVZHI_BINARY [PORT]   (after `npm run build`; PORT defaults to a free one)
set -euo pipefail
lvzhi=$(realpath "$1")
# A free port unless one is given: CI may run other servers.
port=${2:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
out=test-output
mkdir -p "$out"
rm -f "$out"/*.png  # screenshots of this run only
# The demo committee first (its staff account drives the roster journey), then the three admin accounts
# of e2e/accounts.mjs with its initial password.
"$lvzhi" seed demo --db "$work/l.db" >"$out/seed.txt"
export LVZHI_E2E_STAFF=tianhe_staff2
LVZHI_E2E_STAFF_PASSWORD=$(awk -v u="$LVZHI_E2E_STAFF" '$1 == u { print $2 }' "$out/seed.txt")
export LVZHI_E2E_STAFF_PASSWORD
# The people of the proposal journey: "username password display-name" per line, and "member password"
# (the password all member accounts m<member_no> share).
LVZHI_E2E_ACCOUNTS=$(awk '$1 ~ /^(tianhe_staff2|unit_(mzj|wjj|jyj)_(clerk|head))$/ { print $1, $2, $4 }
  /共用密码/ { print "member", $NF }' "$out/seed.txt")
export LVZHI_E2E_ACCOUNTS
export LVZHI_E2E_WORK="$work"
for account in admin:管理员:sysadmin secadmin:安全员:secadmin auditor:审计员:auditor; do
  IFS=: read -r username name role <<<"$account"
  "$lvzhi" user create --db "$work/l.db" --username "$username" --display-name "$name" --role "$role" \
    --password 'Start#Lvzhi-2026' >/dev/null
done
"$lvzhi" serve --db "$work/l.db" --port "$port" --web-root "$PWD/dist" >"$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do
  curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null && break
  sleep 0.1
done
node e2e/journeys.mjs "http://127.0.0.1:$port" "$out"
