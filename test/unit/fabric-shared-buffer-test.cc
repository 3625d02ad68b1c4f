// SPDX-License-Identifier: GPL-2.0-only

// The shared buffer's accounting: a congested lossy queue grows to Choudhury and Hahne's
// dynamic-threshold equilibrium alpha S / (1 + n alpha) (more than a static share of the
// buffer), every queue keeps its reserve however full the switch is, a lossless ingress
// pauses at XOFF, fills its headroom and only then drops, and resumes below XON.

#include "ns3/fabric-shared-buffer.h"

#include <gtest/gtest.h>
#include <stdexcept>

using namespace planet;

namespace
{

constexpr uint64_t kFrame = 1000;

SharedBufferConfig
Config(double alpha, uint64_t reserved, uint8_t lossless = 0)
{
    SharedBufferConfig c;
    c.bufferBytes = 1000000;
    c.reservedBytes = reserved;
    c.alpha = alpha;
    c.pfcAlpha = 0.125;
    c.xonOffsetBytes = 2 * kFrame;
    c.losslessMask = lossless;
    return c;
}

/// Admit frames into (in, out, priority) until one is dropped; the bytes admitted.
uint64_t
Fill(SharedBuffer& b, uint32_t in, uint32_t out, uint8_t priority)
{
    uint64_t bytes = 0;
    while (b.Admit(in, out, priority, kFrame) != BufferPool::Dropped)
    {
        bytes += kFrame;
    }
    return bytes;
}

} // namespace

TEST(SharedBuffer, CongestedQueueReachesTheDynamicThresholdEquilibrium)
{
    for (double alpha : {0.5, 1.0, 4.0})
    {
        SharedBuffer b(Config(alpha, 0), std::vector<uint64_t>(10, 0));
        const double s = static_cast<double>(b.SharedPoolBytes());
        const uint64_t q = Fill(b, 0, 1, 3);
        const double equilibrium = alpha * s / (1 + alpha);
        EXPECT_LE(static_cast<double>(q), equilibrium + 1e-9) << alpha;
        EXPECT_GT(static_cast<double>(q), equilibrium - (1 + alpha) * kFrame) << alpha;
        // More than a static split of the buffer among the 10 ports.
        EXPECT_GT(q, 1000000u / 10) << alpha;
        // Two congested queues: alpha S / (1 + 2 alpha) each, once both are full.
        const uint64_t q2 = Fill(b, 0, 2, 3);
        EXPECT_LT(q2, q);
    }
}

TEST(SharedBuffer, TwoQueuesShareEqually)
{
    SharedBuffer b(Config(1.0, 0), std::vector<uint64_t>(4, 0));
    const double s = static_cast<double>(b.SharedPoolBytes());
    // Alternate so that neither gets ahead.
    uint64_t q[2] = {0, 0};
    bool more = true;
    while (more)
    {
        more = false;
        for (uint32_t k = 0; k < 2; ++k)
        {
            if (b.Admit(0, 1 + k, 0, kFrame) != BufferPool::Dropped)
            {
                q[k] += kFrame;
                more = true;
            }
        }
    }
    for (uint64_t x : q)
    {
        EXPECT_LE(static_cast<double>(x), s / 3 + kFrame);
        EXPECT_GT(static_cast<double>(x), s / 3 - 3 * kFrame);
    }
}

TEST(SharedBuffer, EveryQueueKeepsItsReserve)
{
    // Without a shared share (alpha 0) a queue holds exactly its reserve.
    SharedBuffer none(Config(0.0, 5 * kFrame), std::vector<uint64_t>(4, 0));
    EXPECT_EQ(Fill(none, 0, 1, 0), 5 * kFrame);
    EXPECT_EQ(Fill(none, 0, 2, 7), 5 * kFrame);
    // A queue hogging the shared pool leaves the others their reserve.
    SharedBuffer b(Config(1000.0, 3 * kFrame), std::vector<uint64_t>(4, 0));
    const uint64_t hog = Fill(b, 0, 1, 0);
    EXPECT_GT(hog, b.SharedPoolBytes() * 99 / 100);
    for (uint32_t out = 2; out < 4; ++out)
    {
        EXPECT_GE(Fill(b, 0, out, 0), 3 * kFrame);
    }
    // Released bytes come back.
    b.Release(0, 1, 0, kFrame, BufferPool::Shared);
    EXPECT_EQ(b.Admit(0, 1, 0, kFrame), BufferPool::Shared);
}

TEST(SharedBuffer, LosslessPausesUsesHeadroomThenDrops)
{
    const uint64_t headroom = 10 * kFrame;
    SharedBuffer b(Config(1.0, 0, 1 << 3), std::vector<uint64_t>(4, headroom));
    EXPECT_TRUE(b.IsLossless(3));
    EXPECT_FALSE(b.IsLossless(6));
    uint64_t shared = 0;
    BufferPool pool;
    while ((pool = b.Admit(0, 1, 3, kFrame)) == BufferPool::Shared)
    {
        EXPECT_FALSE(b.ShouldPause(0, 3));
        shared += kFrame;
    }
    // XOFF at pfcAlpha of the free shared pool: X = a (S - X).
    ASSERT_EQ(pool, BufferPool::Headroom);
    EXPECT_TRUE(b.ShouldPause(0, 3));
    const double s = static_cast<double>(b.SharedPoolBytes());
    EXPECT_NEAR(static_cast<double>(shared), 0.125 * s / 1.125, 2.0 * kFrame);
    // Then the headroom, exactly, then drops; other ingress ports are unaffected.
    uint64_t inHeadroom = kFrame;
    while ((pool = b.Admit(0, 1, 3, kFrame)) != BufferPool::Dropped)
    {
        if (pool == BufferPool::Headroom)
        {
            inHeadroom += kFrame;
        }
    }
    EXPECT_EQ(inHeadroom, headroom);
    EXPECT_FALSE(b.ShouldPause(1, 3));
    EXPECT_NE(b.Admit(1, 1, 3, kFrame), BufferPool::Dropped);
    // No resume while headroom is in use; resume once it and some shared bytes are gone.
    EXPECT_FALSE(b.ShouldResume(0, 3));
    for (uint64_t x = 0; x < headroom; x += kFrame)
    {
        b.Release(0, 1, 3, kFrame, BufferPool::Headroom);
    }
    uint64_t released = 0;
    while (!b.ShouldResume(0, 3))
    {
        b.Release(0, 1, 3, kFrame, BufferPool::Shared);
        released += kFrame;
        ASSERT_LE(released, shared);
    }
    EXPECT_GE(released, 2 * kFrame / 2);
}

TEST(SharedBuffer, RejectsABufferWithoutSharedPool)
{
    EXPECT_THROW(SharedBuffer(Config(1.0, 100000), std::vector<uint64_t>(2, 0)),
                 std::invalid_argument);
    SharedBufferConfig c = Config(1.0, 0);
    c.bufferBytes = 0;
    EXPECT_THROW(c.Validate(), std::invalid_argument);
}
