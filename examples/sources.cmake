# Programs in examples/: each name N is built from examples/N.cc into build/bin/N.
list(APPEND planet_examples planet-fabric)
list(APPEND planet_examples planet-rcpsp)
list(APPEND planet_examples planet-quantum)
list(APPEND planet_examples quantum-line-example)
# Tutorials (README "Your own ns-3 program"; each run by test/python/test_examples.py)
list(APPEND planet_examples fabric-allreduce-example)
list(APPEND planet_examples fabric-custom-collective-example)
list(APPEND planet_examples fabric-incast-example)
