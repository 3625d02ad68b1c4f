# SPDX-License-Identifier: GPL-2.0-only
"""planet.run_fabric() against the planet-fabric runner: the same record for the same
parameters, repeatable in one process, one simulation at a time, ValueError naming a bad
parameter (and never an abort of the interpreter)."""

import json
import subprocess
import threading

import pytest

import planet

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
