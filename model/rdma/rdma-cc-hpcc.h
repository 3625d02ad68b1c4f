// SPDX-License-Identifier: GPL-2.0-only

#ifndef RDMA_CC_HPCC_H
#define RDMA_CC_HPCC_H

#include "rdma-congestion-control.h"

#include "ns3/fabric-int.h"

namespace ns3
{

/**
 * \ingroup planet
 * \brief HPCC's per queue pair state.
 */
class RdmaHpccState : public RdmaCcState
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    double lineBps{0};          //!< the NIC's rate
    double referenceBps{0};     //!< R_c: the rate of the last full update (W_c / T)
    uint64_t maxWindowBytes{0}; //!< the window at line rate
    double u{0};                //!< U: the moving average of the most utilised hop
    uint32_t incStage{0};       //!< additive increases since the last multiplicative step
    bool started{false};        //!< the first telemetry has been seen
    uint32_t lastUpdatePsn{0};  //!< a full update once an ACK passes this PSN
    uint32_t nHops{0};          //!< hops of the last telemetry
    std::array<FabricIntHop, FabricIntTag::kMaxHops> hops; //!< the last telemetry
};

/**
 * \ingroup planet
 * \brief HPCC (Li et al., SIGCOMM 2019), as the HPCC fork of ns-3 runs it (one rate from
 * the most utilised hop).
 *
 * Every data packet asks for telemetry (the INT flag): each switch egress appends its queue
 * bytes, transmitted bytes, timestamp and link rate; the ACK echoes it. Per ACK, for each hop,
 * u = txRate / B + min(qlen, previous qlen) / (B T), with txRate from the transmitted bytes and
 * timestamps since the previous telemetry and T the base RTT; the largest u, with its interval
 * tau, updates the moving average U = (U (T - tau) + u tau) / T (tau at most T). With
 * k = U / eta: R = R_c / k + W_AI / T if k >= 1 or after MaxStage additive steps, else
 * R = R_c + W_AI / T, within [MinRate, line rate]; the window is the line-rate window times
 * R / line rate, and R paces. R_c (and the stage) advance once per RTT, when an ACK passes the
 * PSN that was next to send at the previous full update; the ACKs in between react at once
 * from R_c without moving it (FastReact, the fork's default).
 */
class RdmaHpcc : public RdmaCongestionControl
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

  private:
    double m_eta;
    uint32_t m_maxStage;
    DataRate m_rateAi;
    DataRate m_minRate;
    bool m_fastReact;
};

} // namespace ns3

#endif /* RDMA_CC_HPCC_H */
