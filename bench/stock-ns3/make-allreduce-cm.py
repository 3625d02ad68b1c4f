#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write the ring all-reduce connection matrix ar128_62500.cm (htsim .cm format).

Workload R of ../shared/anchors: 128 ranks on a ring that visits the hosts in the order the
permutation matrix perm128_8MB.cm lists its sources. Each of the 128 chunks starts at its own
rank and travels 255 hops around the ring (reduce-scatter then all-gather: 2 * 127 + 1 sends);
each send of 62,500 B starts when the previous send of the same chunk has been delivered
(`trigger X` waits for trigger X, `send_done_trigger Y` fires Y on delivery). The output is
byte-identical to the anchor file, so the 2.9 MB matrix need not be stored in the repository.

Usage: make-allreduce-cm.py PERMUTATION.cm OUTPUT.cm
"""
import sys


def ring_order(permutation_file):
    """The hosts in the order of the permutation file's flow lines (their sources)."""
    order = []
    with open(permutation_file) as f:
        for line in f:
            head = line.split(maxsplit=1)[0] if line.strip() else ""
            if "->" in head:
                order.append(int(head.split("->")[0]))
    if sorted(order) != list(range(len(order))):
        raise ValueError(f"{permutation_file}: flow sources are not a permutation of the hosts")
    return order


def allreduce_lines(ring, chunk_bytes):
    n = len(ring)
    hops = 2 * (n - 1) + 1
    lines = [f"Nodes {n}", f"Connections {n * hops}", f"Triggers {n * (hops - 1)}"]
    flow_id = 0
    trigger = 0
    for chunk in range(n):
        for hop in range(hops):
            flow_id += 1
            src = ring[(chunk + hop) % n]
            dst = ring[(chunk + hop + 1) % n]
            line = f"{src}->{dst} id {flow_id}"
            line += " start 0" if hop == 0 else f" trigger {trigger}"
            line += f" size {chunk_bytes}"
            if hop < hops - 1:
                trigger += 1
                line += f" send_done_trigger {trigger}"
            lines.append(line)
    lines += [f"trigger id {t} oneshot" for t in range(1, trigger + 1)]
    return lines


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[-1])
    lines = allreduce_lines(ring_order(sys.argv[1]), 62500)
    with open(sys.argv[2], "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
