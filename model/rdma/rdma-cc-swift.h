// SPDX-License-Identifier: GPL-2.0-only

#ifndef RDMA_CC_SWIFT_H
#define RDMA_CC_SWIFT_H

#include "rdma-congestion-control.h"

namespace ns3
{

/**
 * \ingroup planet
 * \brief Swift's per queue pair state; the measured delay and its target are traced.
 */
class RdmaSwiftState : public RdmaCcState
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    double cwnd{0};             //!< the window (bytes, may be below one packet)
    double srtt{0};             //!< smoothed RTT (s)
    uint32_t hops{0};           //!< switches on the path
    int64_t lastDecrease{0};    //!< time step of the last decrease
    TracedValue<Time> m_delay;  //!< the last RTT sample
    TracedValue<Time> m_target; //!< the target delay it was compared with
};

/**
 * \ingroup planet
 * \brief Swift (Kumar et al., SIGCOMM 2020), with htsim's choices (sim/swift.cpp).
 *
 * Every data packet carries its send time (a FabricIntTag without hops) and the ACK echoes it:
 * the RTT sample is now minus the send time (retransmissions give none). The target delay is
 * BaseTarget + hops * HopScale + flow scaling, hops being the switches on the path (Swift reads
 * them from the TTL; here RdmaQueuePair::GetSwitchHops), the latter
 * alpha / sqrt(cwnd in packets) + beta clamped to [0, FsRange], with alpha and beta such that
 * it is FsRange at FsMinCwnd packets and 0 at FsMaxCwnd. Below the target the window grows by
 * Ai packets per window acknowledged (Ai per acknowledged byte below one packet); above it,
 * at most once per RTT, it shrinks by max(1 - Beta (delay - target) / delay, 1 - MaxMdf); a
 * loss shrinks it by 1 - MaxMdf (at most once per RTT). The window is kept within [MinCwnd,
 * MaxCwnd]; below one packet the queue pair sends one packet and paces at cwnd per RTT.
 */
class RdmaSwift : public RdmaCongestionControl
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    std::string GetName() const override;
    void InitQp(RdmaQueuePair& qp, DataRate lineRate) override;
    void OnSend(RdmaQueuePair& qp, FabricHeader& header, Ptr<Packet> packet) override;
    void OnAck(RdmaQueuePair& qp, const RdmaCcFeedback& feedback) override;
    void OnLoss(RdmaQueuePair& qp) override;

    /// \brief The target delay for a window (bytes) over a path of `hops` switches.
    Time TargetDelay(double cwnd, uint32_t mtu, uint32_t hops) const;

  private:
    /// Bound the window, note a decrease, and apply it (window, pacing below one packet).
    void Apply(RdmaQueuePair& qp, RdmaSwiftState& s, double previous);

    double m_ai;
    double m_beta;
    double m_maxMdf;
    Time m_baseTarget;
    Time m_hopScale;
    Time m_fsRange;
    double m_fsMinCwnd;
    double m_fsMaxCwnd;
    double m_minCwnd;
    double m_maxCwnd;
};

} // namespace ns3

#endif /* RDMA_CC_SWIFT_H */
