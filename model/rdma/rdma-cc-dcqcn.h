// SPDX-License-Identifier: GPL-2.0-only

#ifndef RDMA_CC_DCQCN_H
#define RDMA_CC_DCQCN_H

#include "rdma-congestion-control.h"

namespace ns3
{

/**
 * \ingroup planet
 * \brief DCQCN's per queue pair state (reaction point).
 */
class RdmaDcqcnState : public RdmaCcState
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    double lineBps{0};           //!< the NIC's rate
    double targetBps{0};         //!< R_T
    double alpha{1};             //!< the congestion estimate
    bool firstCnp{true};         //!< no CNP has arrived yet
    bool cnpInPeriod{false};     //!< a CNP arrived in the current alpha period
    int64_t alphaTick{0};        //!< time step of the next alpha update
    bool decreasePending{false}; //!< a CNP is waiting for the rate decrease interval
    int64_t lastDecrease{-1};    //!< time step of the last decrease (-1: none)
    uint32_t timerStage{0};      //!< T: rate increase timer expiries since the decrease
    uint32_t byteStage{0};       //!< BC: byte counter expiries since the decrease
    uint64_t bytes{0};           //!< bytes sent since the byte counter last expired
    int64_t nextIncrease{-1};    //!< time step of the next timer increase (-1: none)
};

/**
 * \ingroup planet
 * \brief DCQCN (Zhu et al., SIGCOMM 2015), as ConnectX NICs run it and the HPCC fork of ns-3
 * models it ("mlx" DCQCN).
 *
 * Notification point (receiver): a CE-marked data packet makes the receiver send a CNP to the
 * sender, at most once per CnpInterval per queue pair; the CNP is a real packet through the
 * fabric, in the control class (served before data at every queue).
 *
 * Reaction point (sender), per queue pair, from line rate: on the first CNP alpha = 1 and the
 * rate becomes RateOnFirstCnp times itself. Every CNP sets the alpha period's CNP bit and
 * decreases the rate, at most once per RateDecreaseInterval (a CNP within it decreases at the
 * interval's end): R_T = R_C (unless ClampTargetRate is off and no increase happened since the
 * previous decrease), R_C = max(MinRate, R_C (1 - alpha/2)), and the increase stages and the
 * increase timer restart. Every AlphaUpdateInterval, alpha = (1 - g) alpha + g if a CNP arrived
 * in the period, (1 - g) alpha otherwise (evaluated exactly when needed, without an event per
 * period). Rate increase events come from the timer (every RateIncreaseInterval after a
 * decrease) and from the byte counter (every ByteCounter bytes sent; 0 disables it, as in the
 * HPCC fork): with T and BC the expiries so far, fast recovery (R_C = (R_T + R_C)/2) while
 * max(T, BC) < FastRecoveryThreshold, hyper increase (R_T += RateHai) once min(T, BC) exceeds
 * it, additive increase (R_T += RateAi) in between, R_C = (R_T + R_C)/2 after either increase.
 * Without the byte counter T stands for both (the HPCC fork's stage rule). The rate paces the
 * queue pair's packets; the window (the stack's) still applies.
 */
class RdmaDcqcn : public RdmaCongestionControl
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
    void OnCnp(RdmaQueuePair& qp) override;
    void OnLoss(RdmaQueuePair& qp) override;
    void OnTimer(RdmaQueuePair& qp) override;
    Time GetCnpInterval() const override;

  private:
    /// Bring alpha up to now (the periodic updates since the last one).
    void UpdateAlpha(RdmaDcqcnState& s) const;
    /// Decrease the rate (a CNP arrived and the interval allows it).
    void Decrease(RdmaQueuePair& qp, RdmaDcqcnState& s);
    /// One rate increase event (timer or byte counter).
    void Increase(RdmaQueuePair& qp, RdmaDcqcnState& s);
    /// Schedule the queue pair's timer for the next due action, if any.
    void Arm(RdmaQueuePair& qp, RdmaDcqcnState& s) const;

    Time m_cnpInterval;
    double m_g;
    Time m_alphaInterval;
    Time m_decreaseInterval;
    Time m_increaseInterval;
    uint64_t m_byteCounter;
    uint32_t m_fastRecovery;
    DataRate m_rateAi;
    DataRate m_rateHai;
    DataRate m_minRate;
    double m_rateOnFirstCnp;
    bool m_clampTargetRate;
};

} // namespace ns3

#endif /* RDMA_CC_DCQCN_H */
