# -*- Mode: python; py-indent-offset: 4; indent-tabs-mode: nil; coding: utf-8; -*-
# planet for waf-based ns-3 (3.35 and older): place this folder as contrib/planet.
# The file lists are read from the same sources.cmake files that CMake uses, so every source
# file is listed exactly once in the repository.

import os
import re

AREAS = ['input', 'fabric', 'rdma', 'collective', 'quantum', 'quantum-runtime']


def _lists(path):
    """Parse `list(APPEND <variable> <files...>)` lines of one sources.cmake file."""
    found = {}
    with open(path) as f:
        text = re.sub(r'#[^\n]*', '', f.read())
    for var, files in re.findall(r'list\s*\(\s*APPEND\s+([\w-]+)([^)]*)\)', text):
        found.setdefault(var, []).extend(files.split())
    return found


def _all_lists(top):
    found = {}
    files = [os.path.join('model', a, 'sources.cmake') for a in AREAS]
    files += [os.path.join('helper', 'sources.cmake'), os.path.join('examples', 'sources.cmake')]
    for rel in files:
        for var, names in _lists(os.path.join(top, rel)).items():
            found.setdefault(var, []).extend(names)
    return found


def _select(found, suffixes):
    return [f for var, names in found.items() if var.endswith(suffixes) for f in names]


def configure(conf):
    conf.env.append_value('CXXFLAGS', ['-std=c++17'])
    conf.check_cxx(header_name='nlohmann/json.hpp', mandatory=True)
    conf.check_cxx(header_name='boost/graph/adjacency_list.hpp', mandatory=True)
    conf.check_cxx(lib='boost_graph', uselib_store='BOOST_GRAPH', mandatory=True)


def build(bld):
    found = _all_lists(bld.path.abspath())
    # ns-3 modules beyond core and network that some area needs (planet_<area>_ns3_modules)
    ns3_modules = []
    for name in _select(found, ('_ns3_modules',)):
        if name not in ns3_modules:
            ns3_modules.append(name)
    module = bld.create_ns3_module('planet', ['core', 'network'] + ns3_modules)
    module.source = _select(found, ('_sources',))
    module.includes = '.'
    module.use.append('BOOST_GRAPH')
    headers = bld(features='ns3header')
    headers.module = 'planet'
    headers.source = _select(found, ('_headers',))
    tests = bld.create_ns3_module_test_library('planet')
    tests.source = _select(found, ('_suites',))
    if bld.env.ENABLE_EXAMPLES:
        for name in found.get('planet_examples', []):
            program = bld.create_ns3_program(name, ['planet'])
            program.source = 'examples/%s.cc' % name
