#!/usr/bin/env bash
# The API scenario with curl and the CLI only, every step asserted: apply, send webhooks, search by a body field,
# replay to one trigger, bulk replay by filter, follow the live stream, and dry-run a changed sensor against the
# stored events. Exits non-zero at the first failed step.
#
#   SIGNALBOX_SERVER=http://127.0.0.1:4000 SIGNALBOX_TOKEN=… WEBHOOK_PORT=12077 SINK_URL=http://127.0.0.1:9999 \
#     bash scripts/scenario.sh
#
# Needs: bash, curl, grep, and node (to run the CLI). Run by tests/scenario.int.test.ts against a real server.
set -euo pipefail

: "${SIGNALBOX_SERVER:?set SIGNALBOX_SERVER}" "${SIGNALBOX_TOKEN:?set SIGNALBOX_TOKEN}" "${WEBHOOK_PORT:?set WEBHOOK_PORT}" "${SINK_URL:?set SINK_URL}"
export SIGNALBOX_SERVER SIGNALBOX_TOKEN
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d)"
NONCE="${NONCE:-$RANDOM}"
sb() { node "$ROOT/apps/server/bin/signalbox.mjs" "$@"; }
api() { curl -fsS -H "Authorization: Bearer $SIGNALBOX_TOKEN" "$@"; }
step() { printf '\n== %s\n' "$*"; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }
count() { grep -o "$1" <<<"$2" | wc -l | tr -d ' '; }
# The value of the first "key":"value" in JSON text.
field() { grep -o "\"$1\": *\"[^\"]*\"" <<<"$2" | head -1 | sed 's/.*: *"\(.*\)"/\1/'; }
wait_for() { # wait_for <seconds> <command…>: retry until the command succeeds
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do [ "$SECONDS" -lt "$deadline" ] || return 1; sleep 0.3; done
}
FOLLOW_PID=""
cleanup() { [ -n "$FOLLOW_PID" ] && kill "$FOLLOW_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

step "apply a webhook EventSource and a Sensor with an HTTP and a log trigger"
cat >"$WORK/flow.yaml" <<EOF
apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: shop-$NONCE}
spec:
  webhook:
    order: {port: "$WEBHOOK_PORT", endpoint: /order, method: POST}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: notify-$NONCE}
spec:
  dependencies:
    - name: order
      eventSourceName: shop-$NONCE
      eventName: order
      filters:
        data: [{path: body.amount, type: number, comparator: ">", value: ["10"]}]
  triggers:
    - template:
        name: http-out
        http:
          url: $SINK_URL/orders
          payload: [{src: {dependencyName: order, dataKey: body.customer}, dest: customer}]
    - template: {name: audit-log, log: {}}
EOF
out="$(sb apply -f "$WORK/flow.yaml")"; echo "$out"
[ "$(count 'created' "$out")" = 2 ] || fail "apply did not create both resources"
wait_for 20 bash -c "sb() { node '$ROOT/apps/server/bin/signalbox.mjs' \"\$@\"; }; sb get sensors notify-$NONCE | grep -q Ready" || fail "sensor not Ready"

step "follow the live stream in the background"
sb events --follow -o json --source "shop-$NONCE" >"$WORK/follow.jsonl" 2>"$WORK/follow.err" &
FOLLOW_PID=$!
wait_for 20 grep -q following "$WORK/follow.err" || fail "events --follow did not connect: $(cat "$WORK/follow.err")"

step "send webhooks with curl"
for body in '{"customer":"ann-'$NONCE'","amount":20}' '{"customer":"ann-'$NONCE'","amount":5}' '{"customer":"bob-'$NONCE'","amount":30}'; do
  # --retry: a 503 + Retry-After (load shed, or a paused source) is sent again, as webhook senders do.
  answer="$(curl -fsS --retry 10 --retry-delay 1 -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$WEBHOOK_PORT/order")"
  [ "$answer" = success ] || fail "webhook answered $answer"
done

step "search by a body field"
found() { [ "$(count '"id": *"' "$(sb events --match "body.customer=ann-$NONCE" -o json)")" = "$1" ]; }
wait_for 20 found 2 || fail "search for body.customer=ann-$NONCE did not find 2 events"
search="$(sb events --match "body.customer=bob-$NONCE" -o json)"
BOB="$(field id "$search")"; [ -n "$BOB" ] || fail "no event for bob"
echo "bob's event: $BOB"
filtered="$(api "$SIGNALBOX_SERVER/api/v1/events/count?source=shop-$NONCE&outcome=filtered")"
wait_for 20 bash -c "curl -fsS -H 'Authorization: Bearer $SIGNALBOX_TOKEN' '$SIGNALBOX_SERVER/api/v1/events/count?source=shop-$NONCE&outcome=fired' | grep -q '\"count\":2'" || fail "outcome=fired did not count 2 events"
echo "filtered: $filtered"

step "replay bob's event to one trigger (audit-log) only"
replay="$(sb replay "$BOB" --sensor "notify-$NONCE" --trigger audit-log -o json)"; echo "$replay"
REPLAY_ID="$(field replayId "$replay")"; [ -n "$REPLAY_ID" ] || fail "no replay id"
runs_ok() { runs="$(api "$SIGNALBOX_SERVER/api/v1/runs?replayOf=$BOB")"; [ "$(count '"runId"' "$runs")" = 1 ] && grep -q '"trigger":"audit-log"' <<<"$runs" && grep -q '"status":"succeeded"' <<<"$runs"; }
wait_for 20 runs_ok || fail "the replay did not run audit-log exactly once: $runs"
grep -q '"trigger":"http-out"' <<<"$runs" && fail "the replay reached http-out"
api "$SIGNALBOX_SERVER/api/v1/events/$REPLAY_ID" | grep -q "\"replayof\":\"$BOB\"" || fail "the replay is not linked to the original"

step "bulk replay by filter (ann's events), with an estimate"
estimate="$(sb replay --source "shop-$NONCE" --match "body.customer=ann-$NONCE" --estimate)"; echo "$estimate"
grep -q '^2 events' <<<"$estimate" || fail "estimate is not 2"
bulk="$(sb replay --source "shop-$NONCE" --match "body.customer=ann-$NONCE" --rate 100 --wait)"; echo "$bulk"
grep -q 'succeeded 2/2 replayed 2 failed 0' <<<"$bulk" || fail "bulk replay did not replay 2 events"
sb replays list | grep -q succeeded || fail "bulk replay missing from the history"

step "the live stream saw the events, the runs and the replays"
follow_ok() { [ "$(count '"type":"event"' "$(cat "$WORK/follow.jsonl")")" -ge 6 ] && grep -q '"type":"run"' "$WORK/follow.jsonl" && grep -q "\"replayof\":\"$BOB\"" "$WORK/follow.jsonl"; }
wait_for 20 follow_ok || fail "events --follow missed items: $(head -c 2000 "$WORK/follow.jsonl")"
echo "followed $(wc -l <"$WORK/follow.jsonl") items"

step "dry-run a changed sensor (threshold 1) against the stored events: nothing is sent"
sed -e 's/value: \["10"\]/value: ["1"]/' "$WORK/flow.yaml" | awk 'BEGIN{doc=0} /^---/{doc++; next} doc==1' >"$WORK/changed.yaml"
test_out="$(sb test -f "$WORK/changed.yaml" --source "shop-$NONCE" --match "body.customer=ann-$NONCE" --only-trigger http-out)"; echo "$test_out"
grep -q 'nothing was sent' <<<"$test_out" || fail "dry-run output"
# ann's two originals and two bulk replays: amount 5 now passes the filter too.
[ "$(count '^fire ' "$test_out")" = 4 ] || fail "the changed sensor should fire 4 times"
grep -q "\"customer\":\"ann-$NONCE\"" <<<"$test_out" || fail "the prepared request body is missing"

printf '\nSCENARIO OK\n'
