# SPDX-License-Identifier: GPL-2.0-only
"""The fabric's pure code from Python agrees with the C++ reference cases
(test/unit/fabric-leaf-spine-test.cc)."""

import pytest

import planet


def test_link_indices_are_a_bijection():
    shape = planet.LeafSpineShape(leaves=3, spines=2, hostsPerLeaf=4, parallelLinks=2)
    seen = set()
    for h in range(shape.hosts()):
        seen |= {shape.host_up_link(h), shape.host_down_link(h)}
        assert shape.link(shape.host_up_link(h)).host == h
        assert shape.link(shape.host_down_link(h)).kind == planet.LinkKind.HostDown
    for leaf in range(3):
        for spine in range(2):
            for p in range(2):
                up = shape.link(shape.leaf_up_link(leaf, spine, p))
                down = shape.link(shape.spine_down_link(spine, leaf, p))
                assert (up.kind, up.leaf, up.spine, up.parallel) == (
                    planet.LinkKind.LeafUp, leaf, spine, p)
                assert (down.kind, down.leaf, down.spine, down.parallel) == (
                    planet.LinkKind.SpineDown, leaf, spine, p)
                seen |= {shape.leaf_up_link(leaf, spine, p), shape.spine_down_link(spine, leaf, p)}
    assert seen == set(range(shape.link_count()))
    assert len({shape.link_name(i) for i in range(shape.link_count())}) == shape.link_count()
    assert shape.link_name(shape.leaf_up_link(2, 1, 1)) == "leaf2->spine1.1"
    with pytest.raises(IndexError):
        shape.link(shape.link_count())


def test_oversubscription_and_validation():
    shape = planet.LeafSpineShape()
    assert shape.oversubscription() == 1.0
    shape.spines = 2
    assert shape.oversubscription() == 4.0
    shape.spines = 0
    with pytest.raises(ValueError, match="'spines'"):
        shape.validate()
    with pytest.raises(ValueError, match="'leafs'"):
        planet.LeafSpineShape(leafs=2)
    with pytest.raises(TypeError):
        planet.LeafSpineShape(leaves=-1)  # not an unsigned integer


def test_wire_framing_per_packet():
    wire = planet.WireFormat(mtuBytes=9000, overheadBytes=82)
    assert [wire.packets(n) for n in (1, 9000, 9001)] == [1, 1, 2]
    assert wire.wire_bytes(8000000) == 8000000 + 889 * 82
    assert wire.wire_bytes(0) == 82


def test_permutation_on_non_blocking_fabric_is_host_limited():
    shape = planet.LeafSpineShape()  # 16 x 8 hosts, 8 spines, 100 Gbps, 1 us
    wire = planet.WireFormat(mtuBytes=9000, overheadBytes=82)
    flows = [(h, (h + 8) % shape.hosts(), 8000000) for h in range(shape.hosts())]
    b = planet.compute_ideal_bound(shape, wire, flows)
    wire_bytes = wire.wire_bytes(8000000)
    assert b.maxLinkBytes == wire_bytes
    assert b.transferS == pytest.approx(wire_bytes * 8 / 100e9, abs=1e-15)
    assert b.latencyS == pytest.approx(4e-6 + 3 * 9082 * 8 / 100e9, abs=1e-15)
    assert b.idealS == b.transferS + b.latencyS
    assert sum(b.linkBytes) == pytest.approx(4 * wire_bytes * shape.hosts(), abs=1e-3)
    assert len(b.linkBytes) == shape.link_count()


def test_incast_is_limited_by_the_receiver_and_uplink_shares_are_fractional():
    shape = planet.LeafSpineShape(leaves=2, spines=3, hostsPerLeaf=2)
    wire = planet.WireFormat(mtuBytes=1000, overheadBytes=0)
    flows = [planet.FabricFlow(0, 3, 3000), (1, 3, 3000), planet.FabricFlow(src=2, dst=3, bytes=6000)]
    b = planet.compute_ideal_bound(shape, wire, flows)
    assert b.bottleneckLink == shape.host_down_link(3)
    assert b.maxLinkBytes == 12000
    assert b.linkBytes[shape.leaf_up_link(0, 2)] == 2000
    assert b.linkBytes[shape.spine_down_link(1, 1)] == 2000
    assert b.linkBytes[shape.leaf_up_link(1, 0)] == 0
    with pytest.raises(ValueError, match="out of range"):
        planet.compute_ideal_bound(shape, wire, [(0, 4, 1)])


def test_slow_uplinks_become_the_bottleneck():
    shape = planet.LeafSpineShape(leaves=2, spines=1, hostsPerLeaf=4, fabricRateBps=100e9)
    wire = planet.WireFormat(mtuBytes=1000, overheadBytes=0)
    b = planet.compute_ideal_bound(shape, wire, [(h, h + 4, 1000000) for h in range(4)])
    assert b.bottleneckLink == shape.leaf_up_link(0, 0)
    assert b.transferS == pytest.approx(4e6 * 8 / 100e9, abs=1e-15)


def test_path_entropy_pins_every_switch_and_is_the_first_that_does():
    shape = planet.LeafSpineShape(leaves=4, spines=3, hostsPerLeaf=2, parallelLinks=2)
    fabric = planet.EcmpFabric(shape=shape, leafSeeds=[11, 12, 13, 14], spineSeeds=[21, 22, 23])
    uplinks = shape.uplinks_per_leaf()
    for src, dst in [(0, 2), (1, 7), (6, 3)]:
        chosen = set()
        for path in range(uplinks):
            targets = planet.path_targets(fabric, src, dst, path)
            assert len(targets) == 2  # the source leaf and, with parallel links, the spine
            for start in (0, 40000):
                e = planet.path_entropy(fabric, src, dst, path, start)
                picks = lambda x: all(planet.ecmp_member(t.seed, src, dst, x, t.members) ==
                                      t.member for t in targets)
                assert picks(e)
                assert not any(picks(x) for x in range(start, e))
            chosen.add(tuple((t.seed, t.member) for t in targets))
        assert len(chosen) == uplinks  # each path id is its own (uplink, parallel link)
    assert planet.path_targets(fabric, 0, 1, 0) == []  # within a leaf nobody chooses
    with pytest.raises(ValueError, match="host"):
        planet.path_entropy(fabric, 0, shape.hosts(), 0)
    with pytest.raises(ValueError):
        planet.path_targets(planet.EcmpFabric(shape=shape, leafSeeds=[1], spineSeeds=[]), 0, 2, 0)
