# Programs in examples/: each name N is built from examples/N.cc into build/bin/N.
list(APPEND planet_examples planet-fabric)
list(APPEND planet_examples planet-rcpsp)
list(APPEND planet_examples planet-quantum)
list(APPEND planet_examples quantum-line-example)
