// SPDX-License-Identifier: GPL-2.0-only

#ifndef RDMA_QUEUE_PAIR_H
#define RDMA_QUEUE_PAIR_H

#include "ns3/callback.h"
#include "ns3/data-rate.h"
#include "ns3/fabric-header.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <vector>

namespace ns3
{

class RdmaStack;
class RdmaPathSelection;

/// \ingroup planet
/// Transport packet kinds (FabricHeader::kind).
enum RdmaPacketKind : uint8_t
{
    RDMA_DATA = 0, //!< a segment of a message (psn: its PSN)
    RDMA_ACK = 1,  //!< cumulative acknowledgement (psn: the receiver's expected PSN)
    RDMA_NACK = 2, //!< cumulative acknowledgement + "psn is missing"
};

/// \ingroup planet
/// Transport flag bits (FabricHeader::transportFlags).
enum RdmaPacketFlag : uint8_t
{
    RDMA_LAST = 1, //!< last packet of a message (DATA)
    RDMA_ECE = 2,  //!< CE was seen since the previous ACK (ACK/NACK)
    RDMA_RETX = 4, //!< a retransmission (DATA)
};

/**
 * \ingroup planet
 * \brief One end of a reliable connection between two hosts (RDMA RC queue pair).
 *
 * The application posts messages (RDMA WRITE semantics): PostMessage(bytes, done) segments
 * the message into MTU-sized packets with consecutive PSNs; `done` runs when the peer has
 * acknowledged the whole message. The peer end delivers the bytes to its application exactly
 * once and in order; its receive callback runs when a whole message has arrived. Messages on
 * one queue pair are sent in the order they were posted; different queue pairs of a host share
 * its NIC round robin.
 *
 * A queue pair is light (no ns-3 Object, no attributes of its own): it is created by
 * RdmaStack::Connect(), which configures it from the stack's attributes, so that a workload
 * with tens of thousands of flows fits in tens of MB.
 */
class RdmaQueuePair : public SimpleRefCount<RdmaQueuePair>
{
  public:
    /// Sender side: message `id` has been acknowledged completely.
    typedef Callback<void, uint64_t> CompletionCallback;
    /// Receiver side: message number `index` (0, 1, ...) of `bytes` has been delivered.
    typedef Callback<void, uint64_t, uint64_t> ReceiveCallback;

    /**
     * \brief Post a message.
     * \param bytes payload bytes (0 sends one empty packet)
     * \param done called when the peer has acknowledged the last byte (may be null)
     * \return the message id (0, 1, ... per queue pair)
     */
    uint64_t PostMessage(uint64_t bytes, CompletionCallback done = CompletionCallback());
    /// \brief Set what runs when a whole message from the peer has been delivered here.
    void SetReceiveCallback(ReceiveCallback cb);

    /// \brief Use this path selection for this queue pair's packets from now on.
    void SetPathSelection(Ptr<RdmaPathSelection> selection);
    /// \brief Set the path id (used by pinned path selection: the equal-cost member index).
    void SetPathId(uint32_t pathId);
    /// \brief The path id (FabricHeader::NO_PATH when none).
    uint32_t GetPathId() const;
    /// \brief Set the ECMP entropy of this queue pair.
    void SetEntropy(uint32_t entropy);
    /// \brief The ECMP entropy.
    uint32_t GetEntropy() const;
    /// \brief The path id for the next packet of round-robin spraying (advances it).
    uint32_t NextRoundRobinPath();
    /// \brief Where round-robin spraying starts.
    void SetRoundRobinStart(uint32_t path);

    /**
     * \brief Limit this queue pair's unacknowledged packets (the stack's window until set;
     * 0 removes the limit).
     */
    void SetWindowPackets(uint32_t packets);
    /// \brief Unacknowledged packets this queue pair may have (0: no limit).
    uint32_t GetWindowPackets() const;

    /// \brief Set the pacing rate (congestion control).
    void SetRate(DataRate rate);
    /// \brief The pacing rate.
    DataRate GetRate() const;

    /// \brief Oldest unacknowledged PSN.
    uint32_t GetSndUna() const;
    /// \brief Go-back-N: send again from this PSN.
    void GoBackTo(uint32_t psn);
    /// \brief Selective repeat: send this PSN again before new data.
    void Retransmit(uint32_t psn);

    /// \brief This queue pair's number on its host.
    uint32_t GetQpn() const;
    /// \brief The peer's queue pair number.
    uint32_t GetRemoteQpn() const;
    /// \brief This host's id.
    uint32_t GetLocalHost() const;
    /// \brief The peer's host id.
    uint32_t GetRemoteHost() const;
    /// \brief Data packets sent (new and retransmitted).
    uint64_t GetSentPackets() const;
    /// \brief Data packets sent again.
    uint64_t GetRetransmittedPackets() const;
    /// \brief Payload bytes delivered to the application here.
    uint64_t GetDeliveredBytes() const;
    /// \brief Whether every posted message has been acknowledged.
    bool IsIdle() const;

  private:
    friend class RdmaStack;

    /// A posted message.
    struct Message
    {
        uint64_t id;             //!< message id
        uint64_t bytes;          //!< payload bytes
        uint32_t firstPsn;       //!< PSN of its first packet
        uint32_t packets;        //!< number of packets
        CompletionCallback done; //!< completion callback
    };

    /// Packets received beyond a gap (selective repeat): payload and LAST flag per PSN.
    class ReorderBuffer
    {
      public:
        /// Store a packet `distance` PSNs beyond `base`.
        void Put(uint32_t distance, uint32_t payload, bool last);
        /// Whether the packet at the front is present.
        bool HasFront() const;
        /// Take the packet at the front (present or not) and advance by one PSN.
        void PopFront(uint32_t* payload, bool* last);
        /// Whether a packet `distance` beyond the front is present.
        bool Has(uint32_t distance) const;

      private:
        std::vector<uint32_t> m_slots; //!< ring: 0 = absent, else (payload + 1) | LAST bit
        uint32_t m_head{0};
    };

    /// What NextPacket() found.
    enum class SendState
    {
        SENT,    //!< a packet is returned
        BLOCKED, //!< nothing to send until an ACK/NACK/timeout or a new message
        PACED,   //!< something to send at the returned time
    };

    RdmaQueuePair(RdmaStack* stack, uint32_t qpn, uint32_t remoteHost, uint32_t remoteQpn);

    SendState NextPacket(Ptr<Packet>* packet, FabricHeader* header, Time* when);
    bool HasWork() const;
    const Message& MessageOf(uint32_t psn) const;
    void OnData(const FabricHeader& header);
    void OnAck(const FabricHeader& header);
    void Acknowledge(uint32_t psn);
    void Deliver(uint32_t psn, uint32_t payload, bool last);
    void SendControl(uint8_t kind);
    void CheckTimeout();

    RdmaStack* m_stack;
    Ptr<RdmaPathSelection> m_pathSelection;
    uint32_t m_qpn;
    uint32_t m_remoteHost;
    uint32_t m_remoteQpn;

    // path state
    uint32_t m_entropy{0};
    uint32_t m_pathId{FabricHeader::NO_PATH};
    uint32_t m_rrNext{0};

    uint32_t m_windowPackets; //!< unacknowledged packets allowed (0: no limit)

    // sender
    std::vector<Message> m_messages; //!< posted, not yet acknowledged (from m_msgHead)
    std::size_t m_msgHead{0};
    uint64_t m_nextMsgId{0};
    uint32_t m_endPsn{0};               //!< PSN after the last posted packet
    uint32_t m_sndUna{0};               //!< oldest unacknowledged
    uint32_t m_sndNxt{0};               //!< next PSN to send in sequence
    uint32_t m_sndMax{0};               //!< one past the highest PSN ever sent
    std::vector<uint32_t> m_retransmit; //!< selective repeat: PSNs to resend first
    double m_rateBps{0};
    Time m_nextSendTime;
    Time m_lastProgress;
    bool m_timerRunning{false};
    bool m_active{false}; //!< in the stack's round-robin list
    uint64_t m_sentPackets{0};
    uint64_t m_retransmittedPackets{0};

    // receiver
    uint32_t m_ePsn{0};               //!< expected PSN
    uint32_t m_highest{0};            //!< one past the highest PSN received
    uint32_t m_nackedPsn{UINT32_MAX}; //!< expected PSN already reported by a NACK
    uint32_t m_unacked{0};            //!< packets received since the last ACK
    bool m_ceSeen{false};
    ReorderBuffer m_reorder;
    uint64_t m_rxMessageBytes{0};
    uint64_t m_rxMessages{0};
    uint64_t m_deliveredBytes{0};
    ReceiveCallback m_receive;
};

} // namespace ns3

#endif /* RDMA_QUEUE_PAIR_H */
