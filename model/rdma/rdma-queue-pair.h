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

#include <memory>
#include <vector>

namespace ns3
{

class RdmaStack;
class RdmaPathSelection;
class RdmaCcState;

/// \ingroup planet
/// Transport packet kinds (FabricHeader::kind).
enum RdmaPacketKind : uint8_t
{
    RDMA_DATA = 0, //!< a segment of a message (psn: its PSN)
    RDMA_ACK = 1,  //!< cumulative acknowledgement (psn: the receiver's expected PSN; sack: the
                   //!< PSN of the data packet that triggered it)
    RDMA_NACK = 2, //!< ACK + "a gap before sack": sack arrived beyond the expected PSN (go-back-N:
                   //!< psn is missing)
    RDMA_CNP = 3,  //!< congestion notification (RoCEv2 CNP): the receiver saw CE (DCQCN)
};

/// \ingroup planet
/// Transport flag bits (FabricHeader::transportFlags).
enum RdmaPacketFlag : uint8_t
{
    RDMA_LAST = 1,    //!< last packet of a message (DATA)
    RDMA_ECE = 2,     //!< CE was seen since the previous ACK (ACK/NACK)
    RDMA_RETX = 4,    //!< a retransmission (DATA); ACK/NACK: the packet at sack was one
    RDMA_FIRST = 8,   //!< first packet of a message (DATA; pcap: WRITE First/Only with RETH)
    RDMA_ACKREQ = 16, //!< DATA: acknowledge this packet at once (BTH's AckReq bit)
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
 * with tens of thousands of flows fits in tens of MB. An idle queue pair holds no buffers;
 * Close() frees both ends for good.
 */
class RdmaQueuePair : public SimpleRefCount<RdmaQueuePair>
{
  public:
    /// Sender side: message `id` has been acknowledged completely.
    typedef Callback<void, uint64_t> CompletionCallback;
    /// Receiver side: message number `index` (0, 1, ...) of `bytes` has been delivered.
    typedef Callback<void, uint64_t, uint64_t> ReceiveCallback;

    ~RdmaQueuePair();

    /**
     * \brief Post a message.
     * \param bytes payload bytes (0 sends one empty packet)
     * \param done called when the peer has acknowledged the last byte (may be null)
     * \return the message id (0, 1, ... per queue pair)
     * \throws std::logic_error after Close()
     */
    uint64_t PostMessage(uint64_t bytes, CompletionCallback done = CompletionCallback());
    /// \brief Set what runs when a whole message from the peer has been delivered here.
    void SetReceiveCallback(ReceiveCallback cb);
    /**
     * \brief No more messages on this connection, in either direction: as soon as both ends
     * have been acknowledged completely (at once if they are idle), both leave their stacks
     * and their state is freed (kept only by Ptrs held elsewhere); packets still arriving for
     * them are dropped. Their queue pair numbers are not reused.
     */
    void Close();
    /// \brief Whether Close() has been called on this end or the other.
    bool IsClosed() const;

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

    /// \name Congestion control (RdmaCongestionControl)
    /// \{
    /// \brief Set this queue pair's congestion state (the congestion control's InitQp does).
    void SetCcState(Ptr<RdmaCcState> state);
    /// \brief The congestion state: the algorithm's variables, the traced Rate and Window.
    Ptr<RdmaCcState> GetCcState() const;
    /// \brief Limit the unacknowledged payload to whole MTUs covering `bytes` (at least one;
    /// 0 removes the limit).
    void SetWindowBytes(uint64_t bytes);
    /// \brief Run the congestion control's OnTimer after `delay` (replaces a pending one).
    void ScheduleCcTimer(Time delay);
    /// \brief The NIC's line rate.
    DataRate GetLineRate() const;
    /// \brief The stack's base RTT (its BaseRtt attribute).
    Time GetBaseRtt() const;
    /// \brief Payload bytes per packet.
    uint32_t GetMtu() const;
    /// \brief Wire bytes of a packet with this payload.
    uint32_t GetWireBytes(uint32_t payload) const;
    /// \brief Switches on the way to the peer, from the fabric the stack was given
    /// (RdmaStack::SetEcmpFabric; every equal-cost path has as many); 0 without one.
    uint32_t GetSwitchHops() const;
    /// \}

    /// \name Sender state, for loss recovery (RdmaRecovery)
    /// Selective repeat keeps a scoreboard of the PSNs in [GetSndUna(), GetSndMax()): whether
    /// each has been selectively acknowledged, is known lost (to be sent again), and when (in
    /// this queue pair's transmission order) it was last sent.
    /// \{
    /// \brief Oldest unacknowledged PSN.
    uint32_t GetSndUna() const;
    /// \brief One past the highest PSN ever sent.
    uint32_t GetSndMax() const;
    /// \brief Go-back-N: send again from this PSN.
    void GoBackTo(uint32_t psn);
    /**
     * \brief Mark lost every PSN before `psn` not acknowledged, not already marked, and last
     * sent at least `tolerance` transmissions before `psn` was.
     * \return how many were marked
     */
    uint32_t MarkLostBefore(uint32_t psn, uint32_t tolerance);
    /// \brief Mark lost every PSN sent and not acknowledged (a timeout); returns how many.
    uint32_t MarkUnacknowledgedLost();
    /// \brief Whether this PSN is outstanding and was marked lost (whether or not resent).
    bool WasDeclaredLost(uint32_t psn) const;
    /// \brief The highest PSN selectively acknowledged so far (GetSndUna() if none beyond it).
    uint32_t GetHighestSacked() const;
    /// \brief Packets sent and neither acknowledged nor known lost.
    uint32_t GetPacketsInFlight() const;
    /// \brief Packets posted and not yet sent once.
    uint32_t GetPacketsUnsent() const;
    /// \brief Set how many transmissions must follow a hole before it counts as lost.
    void SetReorderTolerance(uint32_t tolerance);
    /// \brief How many transmissions must follow a hole before it counts as lost.
    uint32_t GetReorderTolerance() const;
    /// \}

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
    /// \brief Heap bytes this end holds now beyond its own size (buffers of messages,
    /// scoreboard and reorder bitmap), for memory accounting.
    std::size_t GetBufferBytes() const;

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

    /**
     * A slot per PSN over a window [base, end) that slides forward: slot psn mod size (a power
     * of two), empty slots value-initialised. Grows by doubling; holds no memory when released.
     */
    template <typename T>
    class PsnRing
    {
      public:
        /// The slot of a PSN in the window.
        T& operator[](uint32_t psn)
        {
            return m_slots[psn & (m_slots.size() - 1)];
        }

        /// The slot of a PSN in the window.
        const T& operator[](uint32_t psn) const
        {
            return m_slots[psn & (m_slots.size() - 1)];
        }

        /// Make room for the window [base, end), keeping the slots of [base, old end).
        void Fit(uint32_t base, uint32_t end, uint32_t oldEnd);
        /// Free the memory (the window must be empty).
        void Release();

        /// Whether the window [base, end) fits.
        bool Fits(uint32_t base, uint32_t end) const
        {
            return end - base <= m_slots.size();
        }

        /// Heap bytes held.
        std::size_t Bytes() const
        {
            return m_slots.capacity() * sizeof(T);
        }

      private:
        std::vector<T> m_slots;
    };

    /// Sender scoreboard flags.
    enum SlotFlag : uint8_t
    {
        SACKED = 1,   //!< selectively acknowledged
        LOST = 2,     //!< known lost, to be sent again
        DECLARED = 4, //!< was marked lost at some point
    };

    /// Sender scoreboard slot.
    struct SentSlot
    {
        uint32_t stamp; //!< transmission number of its last transmission
        uint8_t flags;  //!< SlotFlag bits
    };

    /// Selective repeat's sender state while packets are outstanding (none when idle).
    struct Scoreboard
    {
        PsnRing<SentSlot> sent;    //!< slots of [m_sndUna, m_sndMax)
        uint32_t sacked{0};        //!< SACKED slots
        uint32_t lost{0};          //!< LOST slots
        uint32_t lostFrom{0};      //!< no LOST slot below this PSN
        uint32_t highestSacked{0}; //!< highest PSN selectively acknowledged
        uint32_t transmissions{0}; //!< transmission counter (the slots' stamps)
    };

    /// What NextPacket() found.
    enum class SendState
    {
        SENT,    //!< a packet is returned
        BLOCKED, //!< nothing to send until an ACK/NACK/timeout or a new message
        PACED,   //!< something to send at the returned time
    };

    RdmaQueuePair(RdmaStack* stack,
                  uint32_t qpn,
                  RdmaStack* remote,
                  uint32_t remoteHost,
                  uint32_t remoteQpn);

    SendState NextPacket(Ptr<Packet>* packet, FabricHeader* header, Time* when);
    bool HasWork() const;
    const Message& MessageOf(uint32_t psn) const;
    uint32_t NextLost();
    uint32_t Lost() const;
    void OnData(const FabricHeader& header, const Ptr<Packet>& packet);
    void OnAck(const FabricHeader& header, const Ptr<Packet>& packet);
    void Acknowledge(uint32_t psn);
    void Sack(uint32_t psn);
    void Deliver(uint32_t psn, uint32_t payload, bool last);
    void SendControl(uint8_t kind,
                     uint32_t trigger,
                     bool retransmission,
                     const Ptr<Packet>& data = nullptr);
    FabricHeader ControlHeader(uint8_t kind);
    void MaybeSendCnp();
    void ArmTimer();
    void CheckTimeout();
    Time CurrentTimeout() const;
    void ReleaseIfClosed();
    bool Selective() const;

    RdmaStack* m_stack;
    RdmaStack* m_remoteStack;
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
    uint32_t m_msgHead{0};
    std::vector<Message> m_messages; //!< posted, not yet acknowledged (from m_msgHead)
    uint64_t m_nextMsgId{0};
    uint32_t m_endPsn{0};                //!< PSN after the last posted packet
    uint32_t m_sndUna{0};                //!< oldest unacknowledged
    uint32_t m_sndNxt{0};                //!< next PSN to send in sequence
    uint32_t m_sndMax{0};                //!< one past the highest PSN ever sent
    std::unique_ptr<Scoreboard> m_board; //!< selective repeat, while packets are outstanding
    uint32_t m_reorderTolerance{1};
    bool m_active{false}; //!< in the stack's round-robin list
    bool m_closed{false};
    double m_rateBps{0};
    Ptr<RdmaCcState> m_ccState;
    Time m_nextSendTime;
    Time m_lastProgress;
    int64_t m_timerAt{-1}; //!< time step of the pending timeout check (-1: none)
    uint64_t m_sentPackets{0};
    uint64_t m_retransmittedPackets{0};

    // receiver
    uint32_t m_ePsn{0};               //!< expected PSN
    uint32_t m_highest{0};            //!< one past the highest PSN received
    uint32_t m_nackedPsn{UINT32_MAX}; //!< go-back-N: expected PSN already reported by a NACK
    uint32_t m_unacked{0};            //!< packets received since the last ACK
    PsnRing<uint32_t> m_reorder; //!< [m_ePsn, m_highest): 0 absent, else (payload+1) | LAST bit
    bool m_ceSeen{false};
    int64_t m_lastCnp{-1}; //!< time step of the last CNP sent (-1: none)
    uint64_t m_rxMessageBytes{0};
    uint64_t m_rxMessages{0};
    uint64_t m_deliveredBytes{0};
    ReceiveCallback m_receive;
};

} // namespace ns3

#endif /* RDMA_QUEUE_PAIR_H */
