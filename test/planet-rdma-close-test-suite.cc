// SPDX-License-Identifier: GPL-2.0-only

// planet-rdma-close: an idle queue pair holds no buffers; Close() releases both ends once they
// are idle (at once, or after the last acknowledgement when closed early), frees them, drops
// what still arrives for them, and refuses new messages.

#include "planet-rdma-test-util.h"

#include "ns3/test.h"

#include <stdexcept>

using namespace ns3;
using namespace ns3::planettest;

namespace
{

class CloseTestCase : public TestCase
{
  public:
    CloseTestCase(bool early)
        : TestCase(early ? "closed right after posting: released after the last ACK"
                         : "closed when idle: released at once"),
          m_early(early)
    {
    }

  private:
    void DoRun() override
    {
        LeafSpineHelper fabric(TwoLeaves());
        fabric.Install();
        fabric.AssignStreams(1);
        RdmaHelper rdma;
        rdma.SetFabric(fabric);
        const auto stacks = rdma.Install(fabric.GetHosts());
        Ptr<RdmaQueuePair> qp = stacks[0]->Connect(stacks[1]);
        Ptr<RdmaQueuePair> peer = stacks[1]->GetQueuePair(qp->GetRemoteQpn());
        const uint32_t qpn = qp->GetQpn();
        const uint32_t peerQpn = peer->GetQpn();
        bool done = false;
        std::size_t idleBytes = 1;
        qp->PostMessage(300000, RdmaQueuePair::CompletionCallback([&](uint64_t) {
                            done = true;
                            idleBytes = qp->GetBufferBytes();
                        }));
        if (m_early)
        {
            qp->Close();
            NS_TEST_ASSERT_MSG_EQ(stacks[0]->GetQueuePair(qpn), qp, "busy: not released yet");
        }
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(done, true, "the message completes");
        NS_TEST_ASSERT_MSG_EQ(peer->GetDeliveredBytes(), 300000u, "and is delivered");
        NS_TEST_ASSERT_MSG_EQ(peer->GetBufferBytes(), 0u, "an idle receiver holds no buffers");
        if (!m_early)
        {
            NS_TEST_ASSERT_MSG_EQ(idleBytes, 0u, "an idle sender holds no buffers");
            NS_TEST_ASSERT_MSG_EQ(stacks[0]->GetNOpenQueuePairs(), 1u, "open until closed");
            qp->Close();
        }
        NS_TEST_ASSERT_MSG_EQ(stacks[0]->GetQueuePair(qpn), nullptr, "sender end released");
        NS_TEST_ASSERT_MSG_EQ(stacks[1]->GetQueuePair(peerQpn), nullptr, "receiver end released");
        NS_TEST_ASSERT_MSG_EQ(stacks[0]->GetNOpenQueuePairs(), 0u, "none open here");
        NS_TEST_ASSERT_MSG_EQ(stacks[1]->GetNOpenQueuePairs(), 0u, "nor there");
        NS_TEST_ASSERT_MSG_EQ(stacks[0]->GetNQueuePairs(), 1u, "numbers are not reused");
        NS_TEST_ASSERT_MSG_EQ(qp->GetReferenceCount(), 1u, "only the test holds it now");
        NS_TEST_ASSERT_MSG_EQ(peer->GetReferenceCount(), 1u, "both ends");
        bool refused = false;
        try
        {
            qp->PostMessage(1);
        }
        catch (const std::logic_error&)
        {
            refused = true;
        }
        NS_TEST_ASSERT_MSG_EQ(refused, true, "no message after Close()");
        // A new connection gets a new number and works.
        Ptr<RdmaQueuePair> next = stacks[0]->Connect(stacks[1]);
        NS_TEST_ASSERT_MSG_EQ(next->GetQpn(), qpn + 1, "a fresh number");
        bool nextDone = false;
        next->PostMessage(5000,
                          RdmaQueuePair::CompletionCallback([&](uint64_t) { nextDone = true; }));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(nextDone, true, "the next connection works");
        Simulator::Destroy();
    }

    bool m_early;
};

class CloseTestSuite : public TestSuite
{
  public:
    CloseTestSuite()
        : TestSuite("planet-rdma-close", UNIT)
    {
        AddTestCase(new CloseTestCase(false), TestCase::QUICK);
        AddTestCase(new CloseTestCase(true), TestCase::QUICK);
    }
};

CloseTestSuite g_closeTestSuite;

} // namespace
