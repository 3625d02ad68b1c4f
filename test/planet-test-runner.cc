/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The ns-3 test runner for planet's TestSuites (Debian's ns-3 ships none).
// `planet-test-runner --list`, `planet-test-runner --suite=NAME`; exit status 1 on failure.

#include "ns3/test.h"

int
main(int argc, char** argv)
{
    return ns3::TestRunner::Run(argc, argv);
}
