#!/usr/bin/env bash
# Run `newsdesk demo` under tmux as a person would: wait for the stories, open one, go back, quit,
# reading the screen each time. Usage: tests/tmux_demo.sh [python]   (needs tmux; loopback only)
set -euo pipefail
PYTHON=${1:-python3}
session="newsdesk-check-$$"
tmp=$(mktemp -d)
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$tmp"' EXIT

tmux new-session -d -s "$session" -x 110 -y 32 \
  "env XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config XDG_STATE_HOME=$tmp/state \
   XDG_CACHE_HOME=$tmp/cache NEWSDESK_DB=$tmp/unused.db $PYTHON -m newsdesk demo; \
   echo \"exit=\$?\"; sleep 30"

screen() { tmux capture-pane -p -t "$session"; }
wait_for() {
  for _ in $(seq 1 300); do
    if screen | grep -q -- "$1"; then return 0; fi
    sleep 0.2
  done
  echo "timed out waiting for: $1" >&2
  screen >&2
  return 1
}

wait_for "stories, newest activity"
wait_for "Quit"                        # the footer shows the keys
tmux send-keys -t "$session" j Enter
wait_for "Summary"
wait_for "Figures"
tmux send-keys -t "$session" Escape
wait_for "stories, newest activity"
tmux send-keys -t "$session" q
wait_for "exit=0"                      # the demo quit cleanly, not by a crash
echo "ok"
