// SPDX-License-Identifier: GPL-2.0-only

// planet-rdma-exact-time: a lone flow's last byte arrives at its analytic time to 1e-4, and
// within one time step, at 25, 100, 400 and 800 Gbps: serialisation is exact however the rate
// divides the nanosecond. Analytic: every byte leaves the host at line rate; the short last
// packet then follows the full one before it through 3 more store-and-forward hops; 4 delays.

#include "planet-rdma-test-util.h"

#include "ns3/test.h"

#include <cmath>

using namespace ns3;
using namespace ns3::planettest;

namespace
{

class ExactTimeTestCase : public TestCase
{
  public:
    ExactTimeTestCase(double rateBps)
        : TestCase("a lone flow at " + std::to_string(static_cast<int>(rateBps / 1e9)) +
                   " Gbps ends at its analytic time"),
          m_rate(rateBps)
    {
    }

  private:
    void DoRun() override
    {
        planet::LeafSpineShape shape = TwoLeaves();
        shape.hostRateBps = m_rate;
        shape.fabricRateBps = m_rate;
        const uint64_t bytes = 4000001; // 976 packets of 4096 B and one of 2305 B
        const LoneFlow r = RunLoneFlow(shape, bytes, "ns3::RdmaSelectiveRepeat");
        const double wireBits = (bytes + 977.0 * 82) * 8;
        const double fullBits = (4096.0 + 82) * 8;
        const double analytic = wireBits / m_rate + 3 * fullBits / m_rate + 4 * shape.linkDelayS;
        NS_TEST_ASSERT_MSG_EQ(r.deliveredBytes, bytes, "delivered");
        NS_TEST_ASSERT_MSG_EQ(r.retransmitted, 0u, "nothing resent");
        const double error = r.deliveredS - analytic;
        NS_TEST_ASSERT_MSG_LT_OR_EQ(std::abs(error) / analytic, 1e-4, "relative error " << error);
        // The arrival event runs at the first nanosecond at or after the exact time.
        NS_TEST_ASSERT_MSG_GT_OR_EQ(error, -1e-15, "never before the exact time");
        NS_TEST_ASSERT_MSG_LT(error, 1e-9, "within the time step");
    }

    double m_rate;
};

class ExactTimeTestSuite : public TestSuite
{
  public:
    ExactTimeTestSuite()
        : TestSuite("planet-rdma-exact-time", UNIT)
    {
        for (double rate : {25e9, 100e9, 400e9, 800e9})
        {
            AddTestCase(new ExactTimeTestCase(rate), TestCase::QUICK);
        }
    }
};

ExactTimeTestSuite g_exactTimeTestSuite;

} // namespace
