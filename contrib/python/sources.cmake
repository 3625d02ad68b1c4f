# The Python side of planet, included by the top-level CMakeLists.txt (standalone mode):
#  - the pybind11 extension planet._core -> <build>/python/planet/_core*.so
#  - the pure-Python package planet (contrib/python/planet/) copied next to it, so that
#    `PYTHONPATH=<build>/python python3 -c "import planet"` works after a build
#  - every test/python/test_*.py as one ctest test (pytest), run by `make test`
# Needs Debian's pybind11-dev and python3-dev; without them a warning says what is skipped.

# The interpreter that has Debian's numpy/pandas/dask: /usr/bin/python3 unless told otherwise
# (the Makefile passes -DPython3_EXECUTABLE; a pyenv or venv python3 on PATH lacks them).
if(NOT Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python3_EXECUTABLE /usr/bin/python3)
endif()
find_package(Python3 COMPONENTS Interpreter Development.Module)
if(Python3_FOUND)
  find_package(pybind11 CONFIG)
endif()
if(NOT Python3_FOUND OR NOT pybind11_FOUND)
  message(WARNING "Python 3 development files or pybind11 not found (Debian: python3-dev "
                  "pybind11-dev): the planet Python package and its tests are not built")
  return()
endif()

set(planet_python_dir ${CMAKE_BINARY_DIR}/python/planet)

pybind11_add_module(
  planet-python
  NO_EXTRAS # no LTO: the module only forwards to libns3-planet, and LTO doubles its link time
  contrib/python/bind-module.cc
  contrib/python/bind-scenario.cc
  contrib/python/bind-fabric.cc
  contrib/python/bind-collective.cc
  contrib/python/bind-quantum.cc
  contrib/python/bind-quantum-planning.cc)
target_link_libraries(planet-python PRIVATE -Wl,--no-as-needed planet -Wl,--as-needed)
target_compile_definitions(planet-python PRIVATE PLANET_VERSION="${PROJECT_VERSION}")
set_target_properties(planet-python PROPERTIES OUTPUT_NAME _core LIBRARY_OUTPUT_DIRECTORY
                                                                 ${planet_python_dir})

set(planet_python_package
    __init__.py
    worker.py
    sweep.py
    results.py
    plot.py)
foreach(file ${planet_python_package})
  configure_file(${CMAKE_CURRENT_LIST_DIR}/planet/${file} ${planet_python_dir}/${file} COPYONLY)
endforeach()

# One ctest test per pytest file. pytest exits 5 when it collects no test: ctest counts that as
# a failure, so an emptied or broken test file cannot pass silently.
file(GLOB planet_python_tests CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/test/python/test_*.py)
foreach(test_file ${planet_python_tests})
  get_filename_component(stem ${test_file} NAME_WE)
  string(REGEX REPLACE "^test_" "" stem ${stem})
  string(REPLACE "_" "-" stem ${stem})
  add_test(NAME planet-python-${stem}
           COMMAND ${Python3_EXECUTABLE} -m pytest -q -p no:cacheprovider ${test_file})
  set_tests_properties(
    planet-python-${stem}
    PROPERTIES LABELS python TIMEOUT 600
               ENVIRONMENT
               "PYTHONPATH=${CMAKE_BINARY_DIR}/python;PLANET_BUILD_DIR=${CMAKE_BINARY_DIR};PLANET_DATA_DIR=${CMAKE_CURRENT_SOURCE_DIR}/data")
endforeach()
