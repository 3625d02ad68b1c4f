# SPDX-License-Identifier: GPL-2.0-only
"""planet.run_fabric() against the planet-fabric runner: the same record for the same
parameters, repeatable in one process, one simulation at a time, ValueError naming a bad
parameter (and never an abort of the interpreter)."""

import json
import subprocess
import threading

import pytest

import planet
import planet.plot
import planet.results

SMALL = {"leaves": 2, "spines": 2, "hostsPerLeaf": 2, "bytes": 200000}

CONFIGS = [
    dict(SMALL),
    dict(SMALL, routing="spray-rr", ecn=False, seed=3, run=2, linkDelay="2us",
         hostRate="50Gbps", ecnPmax=0.5),
    dict(SMALL, workload="incast", incastSenders=3, recovery="gbn", mtu=1000),
]


def without_wall_clock(record):
    record = json.loads(json.dumps(record))
    del record["sim"]["wall_s"], record["sim"]["peak_rss_mb"]
    return record


def cli_record(runner_bin, params, tmp_path):
    path = tmp_path / "record.json"
    flags = [f"--{name}={planet.parameter_string(name, value)}" for name, value in params.items()]
    subprocess.run([runner_bin("planet-fabric")] + flags + [f"--json={path}"], check=True,
                   stdout=subprocess.DEVNULL)
    with open(path) as f:
        return json.load(f)


@pytest.mark.parametrize("params", CONFIGS)
def test_bindings_return_the_record_of_the_runner(runner_bin, tmp_path, params):
    from_cli = cli_record(runner_bin, params, tmp_path)
    from_python = planet.run_fabric(**params)
    assert from_python["flows_done"] == from_python["flows_total"] > 0
    assert without_wall_clock(from_python) == without_wall_clock(from_cli)
    assert from_python["config"]["leaves"] == 2 and "scheduler" in from_python["config"]


def test_a_second_run_in_one_process_repeats_the_first():
    first = without_wall_clock(planet.run_fabric(**CONFIGS[1]))
    other = without_wall_clock(planet.run_fabric(**CONFIGS[2]))
    again = without_wall_clock(planet.run_fabric(**CONFIGS[1]))
    assert again == first and other != first
    replication = without_wall_clock(planet.run_fabric(**dict(CONFIGS[1], run=3)))
    assert replication["config"]["run"] == 3


def test_threads_run_one_simulation_at_a_time():
    expected = without_wall_clock(planet.run_fabric(**CONFIGS[0]))
    results = [None] * 3

    def work(i):
        results[i] = without_wall_clock(planet.run_fabric(**CONFIGS[0]))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 3


@pytest.mark.parametrize("bad, name", [
    ({"hostsperleaf": 2}, "hostsperleaf"),     # unknown parameter (case matters)
    ({"leaves": 0}, "leaves"),                 # out of the attribute's range
    ({"leaves": 2.5}, "leaves"),               # not an integer
    ({"bytes": -1}, "bytes"),
    ({"hostRate": "fast"}, "hostRate"),        # DataRate
    ({"linkDelay": "1 parsec"}, "linkDelay"),  # Time: ns-3 itself would abort on this
    ({"ecnPmax": "high"}, "ecnPmax"),          # double: ns-3 itself would abort on this
    ({"ecn": "maybe"}, "ecn"),
    ({"routing": "magic"}, "routing"),         # a choice: the message lists the allowed
    ({"cc": "reno"}, "cc"),
    ({"cc": "dcqcn", "ccParams": "Bogus=1"}, "ccParams"),     # not an attribute of RdmaDcqcn
    ({"cc": "dcqcn", "ccParams": "EwmaGain=2"}, "ccParams"),  # out of the attribute's range
    ({"cc": "hpcc", "ccParams": "MaxStage"}, "ccParams"),     # not Name=value
    ({"scheduler": "fifo"}, "scheduler"),
    ({"workload": "matrix"}, "matrix"),        # needs a file
    ({"ecnKmin": 500000, "ecnKmax": 400000}, "ecnKmax"),
    ({"bytes": [1]}, "bytes"),                 # not a str, int, float or bool
    ({"workload": "allreduce-ring", "placement": "explicit"}, "hosts"),
    ({"workload": "allreduce-ring", "placement": "explicit", "hosts": "0,a"}, "hosts"),
    ({"workload": "allreduce-ring", "jobs": 3, "ranks": 2}, "ranks"),  # 6 ranks, 4 hosts
    ({"workload": "training", "trainingCollective": "alltoall"}, "trainingCollective"),
])
def test_bad_parameters_raise_value_error_naming_them(bad, name):
    with pytest.raises(ValueError, match=f"'{name}'"):
        planet.run_fabric(**dict(SMALL, **bad))


def test_the_allowed_values_are_listed_and_the_runner_agrees(runner_bin):
    with pytest.raises(ValueError, match="ecmp") as error:
        planet.run_fabric(**dict(SMALL, routing="magic"))
    assert "spray-rr" in str(error.value)
    cli = subprocess.run([runner_bin("planet-fabric"), "--routing=magic"], capture_output=True,
                         text=True)
    assert cli.returncode == 2 and "'routing'" in cli.stderr


@pytest.mark.parametrize("cc", ["none", "dcqcn", "hpcc", "swift"])
def test_the_record_states_the_congestion_control_and_its_counters(cc):
    params = dict(SMALL, workload="incast", incastSenders=3, bytes=2000000, cc=cc)
    record = planet.run_fabric(**params)
    block = record["congestion_control"]
    assert record["config"]["cc"] == cc and block["name"] == cc
    assert record["bytes_delivered"] == record["bytes_requested"]
    if cc == "dcqcn":
        # a 3:1 incast marks packets: every CNP sent arrives, at most one decrease each
        assert block["parameters"]["EwmaGain"] == 1 / 256
        assert block["cnps_sent"] == block["cnps_received"] >= block["decreases"] > 0
    else:
        assert block["cnps_sent"] == 0
    # HPCC and Swift read the telemetry echoed in every acknowledgement
    assert (block["telemetry_acks"] > 0) == (cc in ("hpcc", "swift"))


def test_config_shows_every_parameter_without_running():
    config = planet.config("fabric", hostsPerLeaf=2)
    assert config["hostsPerLeaf"] == 2 and config["seed"] == 1 and config["run"] == 1
    assert set(config) == set(planet.run_fabric(**SMALL)["config"])
    with pytest.raises(ValueError, match="'nope'"):
        planet.config("fabric", nope=1)


def test_jobs_train_side_by_side_and_report_one_training_entry_each():
    r = planet.run_fabric(**dict(SMALL, workload="training", jobs=2, iterations=2,
                                 forwardTime="10us", computeTime="20us", buckets=2,
                                 trainingCollective="allreduce-tree", chunkBytes=50000))
    assert r["bytes_delivered"] == r["bytes_requested"] > 0
    assert r["jobs"] == 2 and r["ranks"] == 2
    assert [t["job"] for t in r["training"]] == [0, 1]
    for t in r["training"]:
        assert len(t["iteration_s"]) == 2
        assert min(t["iteration_s"]) >= 30e-6
        assert t["total_s"] >= 2 * t["ideal_iteration_s"] * (1 - 1e-9)
    assert {c["job"] for c in r["collectives"]} == {0, 1}
    assert all(c["algorithm"] == "allreduce-tree" for c in r["collectives"])


def test_collective_records_list_every_flow_and_the_fct_table_reads_them(tmp_path):
    record = planet.run_fabric(leaves=2, spines=2, hostsPerLeaf=2, workload="allreduce-ring",
                               bytes=400000)
    table = planet.results.flows_of(record, routing="ecmp")
    assert len(table) == record["flows_total"] == 2 * 3 * 4  # 2(n-1) steps of n flows
    assert table["fct_s"].notna().all() and (table["fct_s"] > 0).all()
    assert sorted(table["step"].unique()) == list(range(6))
    # A flow ends before the run does, and the last one ends with it.
    ends = table["start_s"] + table["fct_s"]
    assert ends.max() == pytest.approx(record["completion_s"], rel=1e-12)
    figure = planet.plot.fct_cdf(table, hue="routing", path=tmp_path / "fct.png")
    assert (tmp_path / "fct.png").stat().st_size > 0 and figure is not None


def test_flow_done_defines_the_fct(tmp_path):
    acked = planet.run_fabric(**dict(SMALL, flowDone="acked"))
    delivered = planet.run_fabric(**dict(SMALL, flowDone="delivered"))
    assert acked["flow_done"] == "acked" and delivered["flow_done"] == "delivered"
    a = planet.results.flows_of(acked)["fct_s"]
    d = planet.results.flows_of(delivered)["fct_s"]
    assert (a > d).all()  # the last acknowledgement comes after the last byte
    assert acked["ideal_s"] > delivered["ideal_s"]
    with pytest.raises(ValueError, match="flowDone"):
        planet.run_fabric(**dict(SMALL, flowDone="sent"))


def test_matrix_flow_graph_follows_htsims_triggers(tmp_path):
    path = tmp_path / "chain.cm"
    path.write_text("0->3 id 4 start 1000000 size 5000 send_done_trigger 1\n"
                    "3->1 id 5 trigger 1 size 7000\ntrigger id 1 oneshot\n")
    graph, ids = planet.matrix_flow_graph(str(path))
    assert ids == [4, 5]
    assert graph.flows[1].deps == [0] and graph.flows[1].depEvents == [planet.FlowEvent.Acked]
    shape = planet.LeafSpineShape(leaves=2, spines=2, hostsPerLeaf=2)
    wire = planet.WireFormat()
    acked = planet.compute_ideal_job(graph, 0, shape, wire, planet.FlowEvent.Acked)
    delivered = planet.compute_ideal_job(graph, 0, shape, wire)
    assert acked.idealS > delivered.idealS > 1e-6  # the start time counts
    record = planet.run_fabric(leaves=2, spines=2, hostsPerLeaf=2, workload="matrix",
                               matrix=str(path))
    assert record["ideal_s"] == pytest.approx(acked.idealS, rel=1e-12)
    assert record["completion_s"] >= record["ideal_s"]
    with pytest.raises(ValueError, match="trigger 1"):
        path.write_text("0->3 id 4 start 0 size 5 send_done_trigger 1\n"
                        "1->3 id 6 start 0 size 5 send_done_trigger 1\n"
                        "3->1 id 5 trigger 1 size 7\ntrigger id 1 oneshot\n")
        planet.matrix_flow_graph(str(path))


def test_the_lossless_preset_sets_its_pieces_and_an_explicit_one_wins(runner_bin, tmp_path):
    incast = dict(SMALL, hostsPerLeaf=4, workload="incast", incastSenders=7, bytes=500000,
                  windowBytes=4000000)
    lossy = planet.run_fabric(**incast)
    lossless = planet.run_fabric(**dict(incast, fabric="lossless"))
    config = lossless["config"]
    assert config["fabric"] == "lossless" and config["pfc"] is True
    assert config["sharedBuffer"] is True and config["ecnKmin"] == 5000
    assert lossy["config"]["pfc"] is False and lossy["drops"] > 0
    assert lossless["drops"] == 0 and lossless["pause_frames_sent"] > 0
    assert lossless["bytes_delivered"] == lossless["bytes_requested"]
    # The same record as the runner's, and an explicit parameter beats the preset.
    params = dict(incast, fabric="lossless")
    assert without_wall_clock(cli_record(runner_bin, params, tmp_path)) == \
        without_wall_clock(lossless)
    overridden = planet.config("fabric", **dict(incast, fabric="lossless", ecnKmin=7000))
    assert overridden["ecnKmin"] == 7000 and overridden["pfc"] is True
    with pytest.raises(ValueError, match="fabric"):
        planet.run_fabric(**dict(SMALL, fabric="lossles"))
    with pytest.raises(ValueError, match="sharedBuffer"):
        planet.run_fabric(**dict(SMALL, pfc=True))
