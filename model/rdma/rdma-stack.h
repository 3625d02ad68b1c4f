// SPDX-License-Identifier: GPL-2.0-only

#ifndef RDMA_STACK_H
#define RDMA_STACK_H

#include "rdma-queue-pair.h"

#include "ns3/event-id.h"
#include "ns3/fabric-net-device.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <deque>
#include <memory>
#include <vector>

namespace planet
{
struct EcmpFabric;
} // namespace planet

namespace ns3
{

class RdmaCongestionControl;
class RdmaLossModel;
class RdmaPathSelection;
class RdmaRecovery;

/**
 * \ingroup planet
 * \brief The RDMA transport of one host: its queue pairs and its NIC.
 *
 * Queue pairs come from Connect(). The NIC pulls data from the queue pairs with data to send,
 * round robin, one packet at a time, when its link is free (so there is no host queue of data
 * packets); a queue pair sends while its unacknowledged packets stay within its window and at
 * the pace its congestion control sets. The window is WindowBytes, or by default one
 * bandwidth-delay product (IRN's BDP-FC): the packets the NIC's line rate puts on the wire in
 * BaseRtt, plus the AckEvery - 1 packets a coalesced acknowledgement waits for, so that a lone
 * flow runs at line rate and no more is in flight. The receiver acknowledges cumulatively
 * every AckEvery packets, at the end of each message, and at once on a duplicate, a
 * retransmission or a filled gap; what it does beyond a gap is the loss recovery's choice. A
 * retransmission timer per queue pair fires the recovery's timeout (RetransmitTimeout, or
 * shorter) after the last progress.
 *
 * Loss recovery, path selection and congestion control are classes chosen by TypeId; a
 * deterministic loss model (SetLossModel) can drop chosen data packets on arrival.
 */
class RdmaStack : public Object, public FabricPacketSource, public FabricPacketSink
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    RdmaStack();
    ~RdmaStack() override;

    /**
     * \brief Attach the stack to its host's NIC.
     * \param nic the host's device
     */
    void SetDevice(Ptr<FabricNetDevice> nic);
    /// \brief The host's NIC.
    Ptr<FabricNetDevice> GetDevice() const;

    /**
     * \brief Create a queue pair to another host: both ends, connected.
     * \param remote the other host's stack
     * \return this host's end (the other end is remote->GetQueuePair(end->GetRemoteQpn()))
     */
    Ptr<RdmaQueuePair> Connect(Ptr<RdmaStack> remote);
    /// \brief A queue pair of this host by number (null once closed and released).
    Ptr<RdmaQueuePair> GetQueuePair(uint32_t qpn) const;
    /// \brief Number of queue pairs created on this host (closed ones included).
    uint32_t GetNQueuePairs() const;
    /// \brief Number of queue pairs of this host not yet released (RdmaQueuePair::Close).
    uint32_t GetNOpenQueuePairs() const;
    /// \brief This host's id.
    uint32_t GetHostId() const;
    /**
     * \brief Unacknowledged packets a new queue pair may have: WindowBytes in whole MTUs,
     * rounded up, or one bandwidth-delay product if WindowBytes is 0 (needs the device).
     */
    uint32_t GetWindowPackets() const;
    /**
     * \brief The window of one of `shares` queue pairs that together carry one flow (subflows
     * sharing its window), at least 1: share `index` of the packets, dealt out, and with the
     * bandwidth-delay window each keeps its own AckEvery - 1 packets (each waits for its own
     * coalesced ACKs), so the shares together keep the line busy as one queue pair would.
     */
    uint32_t GetWindowShare(uint32_t shares, uint32_t index) const;
    /**
     * \brief Give the stack the fabric's ECMP hash seeds (path selections that pin a path by
     * its entropy need them); LeafSpineHelper::GetEcmpFabric() returns them.
     */
    void SetEcmpFabric(std::shared_ptr<const planet::EcmpFabric> fabric);
    /// \brief The fabric's hash seeds (null if not given).
    const planet::EcmpFabric* GetEcmpFabric() const;
    /// \brief The loss recovery (created from the Recovery attribute with the device).
    Ptr<RdmaRecovery> GetRecovery() const;
    /// \brief The default path selection of new queue pairs (created with the device).
    Ptr<RdmaPathSelection> GetPathSelection() const;
    /// \brief Drop chosen data packets arriving here (null: none, the default).
    void SetLossModel(Ptr<RdmaLossModel> model);
    /// \brief Data packets the loss model dropped here.
    uint64_t GetInjectedLosses() const;

    /// \brief Data packets sent again, over all queue pairs.
    uint64_t GetRetransmittedPackets() const;
    /// \brief Retransmission timeouts, over all queue pairs.
    uint64_t GetTimeouts() const;
    /// \brief The congestion control (created from the CongestionControl attribute).
    Ptr<RdmaCongestionControl> GetCongestionControl() const;
    /// \brief Congestion notification packets this host's receivers sent.
    uint64_t GetCnpsSent() const;
    /// \brief Congestion notification packets this host's senders received.
    uint64_t GetCnpsReceived() const;
    /// \brief Acknowledgements that echoed telemetry to this host's senders.
    uint64_t GetTelemetryAcks() const;
    /// \brief Number of open queue pairs' congestion states (the CongestionState attribute).
    std::size_t GetNCcStates() const;
    /**
     * \brief The congestion state of the i-th open queue pair, in queue pair number order.
     * \param i index among the open queue pairs
     * \param[out] qpn its queue pair number
     */
    Ptr<RdmaCcState> GetOpenCcState(std::size_t i, std::size_t* qpn) const;

    /**
     * \brief Assign random streams (path selection).
     * \param stream first stream index
     * \return streams used
     */
    int64_t AssignStreams(int64_t stream);

    // FabricPacketSource
    Ptr<Packet> PullPacket(FabricHeader& header) override;
    // FabricPacketSink: a packet arrived at the NIC.
    void ReceiveFromDevice(FabricNetDevice* nic,
                           Ptr<Packet> packet,
                           const FabricHeader& header) override;

    /// Signature of the Deliver trace: host, qpn, psn, payload bytes.
    typedef void (*DeliverCallback)(uint32_t host, uint32_t qpn, uint32_t psn, uint32_t bytes);
    /// Signature of the message traces: host, qpn, message id or index, bytes.
    typedef void (*MessageCallback)(uint32_t host, uint32_t qpn, uint64_t message, uint64_t bytes);
    /// Signature of the per-packet sender traces: host, qpn, psn.
    typedef void (*PsnCallback)(uint32_t host, uint32_t qpn, uint32_t psn);

  protected:
    void DoDispose() override;

  private:
    friend class RdmaQueuePair;

    /// A queue pair may have something to send: put it in the round-robin list.
    void Activate(RdmaQueuePair& qp);
    /// Release a closed queue pair (its state goes when the last Ptr does).
    void Forget(uint32_t qpn);
    /// A queue pair's retransmission timer check is due (nothing if it was released).
    void CheckTimeout(uint32_t qpn);
    /// A queue pair's congestion control timer fired (nothing if it was released).
    void CcTimer(uint32_t qpn);
    /// Send a control packet now (through the NIC's control queue).
    void SendControl(Ptr<Packet> packet, const FabricHeader& header);
    /// Paced queue pairs are ready.
    void PacingWake();
    /// Create the strategy objects from their TypeIds if not yet done.
    void CreateStrategies();

    uint32_t m_hostId;
    uint32_t m_mtu;
    uint32_t m_ackEvery;
    uint64_t m_windowBytes;
    Time m_baseRtt;
    uint32_t m_windowPackets{0}; //!< derived from WindowBytes or the BDP (0: unlimited)
    bool m_selective{false};     //!< derived: the recovery buffers out-of-order packets
    Time m_rto;
    TypeId m_recoveryType;
    TypeId m_pathType;
    TypeId m_ccType;
    Ptr<RdmaRecovery> m_recovery;
    Ptr<RdmaPathSelection> m_pathSelection;
    Ptr<RdmaCongestionControl> m_cc;
    Ptr<RdmaLossModel> m_loss;
    std::shared_ptr<const planet::EcmpFabric> m_ecmpFabric;

    Ptr<FabricNetDevice> m_nic;
    DataRate m_lineRate;
    std::vector<Ptr<RdmaQueuePair>> m_qps; //!< by qpn; null once released
    uint32_t m_openQps{0};
    std::deque<uint32_t> m_active; //!< round-robin list of queue pairs that may send
    EventId m_pacingEvent;

    uint64_t m_retransmitted{0};
    uint64_t m_timeouts{0};
    uint64_t m_injectedLosses{0};
    uint64_t m_cnpsSent{0};
    uint64_t m_cnpsReceived{0};
    uint64_t m_telemetryAcks{0};
    mutable std::pair<std::size_t, std::size_t> m_ccCursor{0, 0}; //!< (i, qpn) last found

    TracedCallback<uint32_t, uint32_t, uint32_t, uint32_t> m_deliverTrace;
    TracedCallback<uint32_t, uint32_t, uint64_t, uint64_t> m_messageCompleteTrace;
    TracedCallback<uint32_t, uint32_t, uint64_t, uint64_t> m_messageReceivedTrace;
    TracedCallback<uint32_t, uint32_t, uint32_t> m_retransmitTrace;
    TracedCallback<uint32_t, uint32_t, uint32_t> m_nackTrace;
    TracedCallback<uint32_t, uint32_t, uint32_t> m_timeoutTrace;
    TracedCallback<uint32_t, uint32_t, uint32_t> m_lossTrace;
};

} // namespace ns3

#endif /* RDMA_STACK_H */
