#!/usr/bin/env bash
# Drag latency of the real binary in a real terminal (tmux), on a generated design:
# selects a node, then sends STEPS Shift+L moves as fast as tmux delivers them, and times until the
# status line shows the last one. Includes tmux's own cost (each send-keys is a client process;
# about 2-5 ms per key on the reference machine).
#
#   bash benches/drag_tmux.sh [VNETS=10000] [STEPS=80] [BINARY=target/release/vnetsketch]
set -euo pipefail
vnets=${1:-10000}
steps=${2:-80}
bin=${3:-target/release/vnetsketch}
work=$(mktemp -d)
trap 'tmux -L drag kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin" generate --vnets "$vnets" --seed 1 -o "$work/big.ron" >/dev/null
export VNETSKETCH_STATE_DIR="$work/state"
t() { tmux -L drag "$@"; }
t new-session -d -s big -x 200 -y 60 "$bin $work/big.ron"
until t capture-pane -p -t big | grep -q "NORMAL"; do sleep 0.1; done
last() { t capture-pane -p -t big | tail -1; }
t send-keys -t big n L; sleep 0.5
m1=$(last); t send-keys -t big L; sleep 0.5; m2=$(last)
x1=$(awk '{print $(NF-1)}' <<<"$m1"); x2=$(awk '{print $(NF-1)}' <<<"$m2")
name=$(awk '{print $2}' <<<"$m2"); y=$(awk '{print $NF}' <<<"$m2")
# A run of moves in one direction speeds up (`move_step`: 1 cell for the first three, then 2, 4, 8
# from the tenth), counted from the run's first move; the two above were its moves 0 and 1.
cells=0
for ((r = 2; r < steps + 2; r++)); do k=$((r / 3)); ((k > 3)) && k=3; cells=$((cells + (1 << k))); done
want="moved $name to $((x2 + cells * (x2 - x1))) $y"
start=$(date +%s%N)
for _ in $(seq "$steps"); do t send-keys -t big L; done
until last | grep -q "$want"; do sleep 0.005; done
end=$(date +%s%N)
echo "$vnets VNets: $steps drag steps in $(((end - start) / 1000000)) ms ($(((end - start) / 1000 / steps)) µs per step)"
