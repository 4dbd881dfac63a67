#!/usr/bin/env bash
# Run `newsdesk demo` under tmux as a person would: wait for the stories, open one, go back, search
# and open a hit, quit, reading the screen each time. Usage: tests/tmux_demo.sh [python]   (needs tmux; loopback only)
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
tmux send-keys -t "$session" /                       # search as you type
wait_for "since:7d"                    # the hint under the query
tmux send-keys -t "$session" -l 'kimi NOT "fake accounts"'
wait_for "articles · best match"
wait_for "Kimi K3"
tmux send-keys -t "$session" Down                     # into the results ...
wait_for "a Article"                   # ... the footer shows the results' keys
tmux send-keys -t "$session" Enter                    # the first hit's story
wait_for "Summary"
tmux send-keys -t "$session" Escape                   # back to the results, still there
wait_for "articles · best match"
tmux send-keys -t "$session" Escape Escape            # to the query, then out of search
wait_for "stories, newest activity"
tmux send-keys -t "$session" q
wait_for "exit=0"                      # the demo quit cleanly, not by a crash
echo "ok"
