# SPDX-License-Identifier: GPL-2.0-only
"""Hostile input files for the hostile-input tests: written once into a directory."""

import os

SMALL_SM = """************************************************************************
jobs (incl. supersource/sink ):  {jobs}
RESOURCES
  - renewable                 :  1   R
  - nonrenewable              :  0   N
  - doubly constrained        :  0   D
************************************************************************
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          1           2
   2        1          1           3
   3        1          0
************************************************************************
REQUESTS/DURATIONS:
jobnr. mode duration  R1
------------------------------------------------------------------------
  1      1     0       0
  2      1     {duration}       {request}
  3      1     0       0
************************************************************************
RESOURCEAVAILABILITIES:
  R1
  {capacity}
************************************************************************
"""

GRAPHML = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="c" for="node" attr.name="comm_qubits" attr.type="int"/>
  <key id="s" for="node" attr.name="storage_qubits" attr.type="int"/>
  <key id="w" for="edge" attr.name="weight" attr.type="double"/>
  <graph id="G" edgedefault="undirected">
    <node id="a"><data key="c">{comm}</data><data key="s">{storage}</data></node>
    <node id="b"/>
    <edge source="a" target="b"><data key="w">{weight}</data></edge>
  </graph>
</graphml>
"""

GML = """graph [
  node [ id 0 label "a" ]
  node [ id 1 label "b" ]
  edge [ source 0 target 1 weight {weight} ]
]
"""


def write_all(directory):
    """Write every hostile file; returns {name: path}."""
    files = {
        # PSPLIB
        "jobs-1e14.sm": SMALL_SM.format(jobs="100000000000000", duration=1, request=1, capacity=1),
        "jobs-negative.sm": SMALL_SM.format(jobs="-3", duration=1, request=1, capacity=1),
        "duration-overflow.sm": SMALL_SM.format(jobs=3, duration="9000000000000000000", request=1,
                                                capacity=1),
        "duration-huge.sm": SMALL_SM.format(jobs=3, duration="99999999999999999999", request=1,
                                            capacity=1),
        "request-over-int.sm": SMALL_SM.format(jobs=3, duration=1, request="4294967296",
                                               capacity="4294967296"),
        "capacity-short.sm": SMALL_SM.format(jobs=3, duration=1, request=5, capacity=1),
        "legal.sm": SMALL_SM.format(jobs=3, duration=4, request=1, capacity=1),
        "truncated.sm": SMALL_SM.format(jobs=3, duration=1, request=1, capacity=1)[:400],
        "empty.sm": "",
        "binary.sm": "\x00\x01\x02\xff" * 64,
        # GML
        "deep.gml": "graph [ " + "a [ " * 200000 + "] " * 200000 + "]\n",
        "unterminated.gml": "graph [ node [ id 0 label \"a ]\n",
        "weight-inf.gml": GML.format(weight="inf"),
        "weight-nan.gml": GML.format(weight="nan"),
        "weight-negative.gml": GML.format(weight="-5"),
        "id-1e300.gml": "graph [ node [ id 1e300 ] ]\n",
        "no-graph.gml": "creator \"x\"\n",
        "many-qubits.gml": "graph [ node [ id 0 " + "storage_qs \"q\" " * 5000 + "] ]\n",
        "legal.gml": GML.format(weight="5.0"),
        # GraphML
        "storage-2e9.graphml": GRAPHML.format(comm=1, storage=2000000000, weight=5),
        "comm-0.graphml": GRAPHML.format(comm=0, storage=3, weight=5),
        "comm-huge.graphml": GRAPHML.format(comm=99999999999, storage=3, weight=5),
        "weight-inf.graphml": GRAPHML.format(comm=1, storage=3, weight="inf"),
        "weight-zero.graphml": GRAPHML.format(comm=1, storage=3, weight=0),
        "deep.graphml": "<graphml>" + "<a>" * 100000 + "</a>" * 100000 + "</graphml>",
        "malformed.graphml": "<graphml><graph><node id=\"a\"></graphml>",
        "legal.graphml": GRAPHML.format(comm=1, storage=3, weight=5),
        # JSON (demands, devices, link tables)
        "deep.json": "[" * 100000 + "]" * 100000,
        "number-1e400.json": "[{\"src\": 0, \"dst\": 1, \"fmin\": 1e400, \"rate\": 1}]",
        "not-a-list.json": "{\"src\": 0}",
        "src-deep.json": "[{\"src\": " + "[" * 60 + "0" + "]" * 60 +
                         ", \"dst\": 1, \"fmin\": 0.9, \"rate\": 1}]",
        "fmin-2.json": "[{\"src\": 0, \"dst\": 1, \"fmin\": 2, \"rate\": 1}]",
        "rate-negative.json": "[{\"src\": 0, \"dst\": 1, \"fmin\": 0.9, \"rate\": -1}]",
        "src-is-dst.json": "[{\"src\": 0, \"dst\": 0, \"fmin\": 0.9, \"rate\": 1}]",
        "unknown-node.json": "[{\"src\": 0, \"dst\": 99, \"fmin\": 0.9, \"rate\": 1}]",
        "truncated.json": "[{\"src\": 0, \"dst\": 1, ",
        "device-empty.json": "{}",
        "links-inf.json": "{\"fidelities\": {\"inf\": [0.9]}, \"rates\": {\"inf\": [10]}}",
        "links-bad.json": "{\"fidelities\": {\"5\": [1.5]}, \"rates\": {\"5\": [10]}}",
        # traffic matrices
        "start-1e300.tm": "0 1 1000 1e300\n",
        "start-inf.tm": "0 1 1000 inf\n",
        "start-nan.tm": "0 1 1000 nan\n",
        "start-negative.tm": "0 1 1000 -1\n",
        "src-dst.tm": "3 3 1000\n",
        "host-out.tm": "0 999999 1000\n",
        "size-huge.tm": "0 1 99999999999999999999\n",
        "size-over-limit.tm": "0 1 9000000000000000000\n",
        "htsim-start-huge.tm": "0->1 id 1 start 9999999999999999999 size 1000\n",
        "htsim-no-size.tm": "0->1 id 1 start 0\n",
        "htsim-unknown.tm": "0->1 id 1 size 10 colour red\n",
        "garbage.tm": "\x00\x01hello world\n",
        "nodes-too-many.tm": "Nodes 100000\n0 1 1000\n",
        "legal.tm": "0 1 1000\n1 2 2000 0.000001\n",
    }
    paths = {}
    for name, text in files.items():
        path = os.path.join(directory, name)
        with open(path, "w", encoding="latin-1") as f:
            f.write(text)
        paths[name] = path
    os.makedirs(os.path.join(directory, "a-directory"), exist_ok=True)
    paths["a-directory"] = os.path.join(directory, "a-directory")
    unreadable = os.path.join(directory, "unreadable.tm")
    with open(unreadable, "w") as f:
        f.write("0 1 1000\n")
    os.chmod(unreadable, 0)
    paths["unreadable"] = unreadable
    paths["missing"] = os.path.join(directory, "does-not-exist")
    paths["dev-zero"] = "/dev/zero"
    return paths
