// SPDX-License-Identifier: GPL-2.0-only

#ifndef RDMA_ROCE_FRAME_H
#define RDMA_ROCE_FRAME_H

#include "ns3/fabric-header.h"

#include <array>
#include <cstdint>
#include <functional>
#include <vector>

namespace ns3
{

/**
 * \ingroup planet
 * \brief The bytes a planet packet would be on the wire, for pcap and ascii traces: RoCEv2
 * (Ethernet + IPv4 + UDP port 4791 + InfiniBand BTH [+ RETH | AETH] + payload + pad + ICRC),
 * which Wireshark's InfiniBand dissector decodes.
 *
 * The fabric carries a FabricHeader beside each packet instead of bytes (fabric-header.h); a
 * frame is built only for a trace that asks for it (LeafSpineHelper::EnablePcap), so plain runs
 * never pay for it. The mapping, per FabricHeader::kind (RdmaPacketKind):
 * - DATA: RC RDMA WRITE First (0x06, with RETH), Middle (0x07), Last (0x08) or Only (0x0A,
 *   with RETH) from the RDMA_FIRST and RDMA_LAST flags; BTH DestQP = qp, PSN = psn mod 2^24,
 *   AckReq = RDMA_ACKREQ, FECN = the IP header's CE (planet marks CE in its header).
 * - ACK: RC Acknowledge (0x11) with AETH syndrome ACK (credits: invalid, 0x1F); BTH PSN = the
 *   last PSN received in order (planet's cumulative psn - 1), BECN = RDMA_ECE.
 * - NACK: RC Acknowledge with AETH syndrome NAK PSN sequence error (0x60); BTH PSN = the
 *   expected PSN (planet's psn), BECN = RDMA_ECE.
 * - CNP: RoCEv2 Congestion Notification Packet (BTH opcode 0x81, BECN set, DestQP = qp, 16
 *   reserved bytes, ICRC).
 * - a PFC PAUSE frame (FabricHeader::PAUSE): IEEE 802.1Qbb MAC control frame to
 *   01:80:C2:00:00:01, EtherType 0x8808, opcode 0x0101, the class-enable vector with the one
 *   paused priority and its quanta (0: XON), padded to Ethernet's minimum.
 * Host h has IPv4 address 10.0.0.1 + h (HostAddress); the UDP source port carries the packet's
 * entropy (0xC000 | entropy mod 2^14), as RoCEv2 NICs put flow entropy there; ECN in the IP
 * header: ECT(0) for ECN-capable packets, CE when marked. Not modelled, so written as zero:
 * RETH's virtual address, R_Key and DMA length (planet has no memory regions, and the packet
 * does not carry its message's length), AETH's MSN, the IP identification, the UDP checksum
 * (allowed by IPv4). The ICRC is computed as RoCEv2 defines it (CRC-32 over the IP, UDP and
 * IB headers with their variant fields masked, and the payload).
 *
 * Extension point: a packet kind other than RDMA's gets its bytes from
 * the Writer registered for it (RegisterWriter); a kind without one is written as an Ethernet
 * frame of the IEEE local experimental EtherType 0x88B5 holding the FabricHeader's fields, so a
 * capture never silently leaves a packet out.
 */
class RoceFrame
{
  public:
    /// A MAC address as bytes.
    using Mac = std::array<uint8_t, 6>;
    /**
     * \brief Writes one kind of packet: the whole frame from the Ethernet header on.
     * \param header the packet's header
     * \param src source MAC (the transmitting device)
     * \param dst destination MAC (the device at the other end of the link)
     * \param[out] frame the bytes (empty on entry)
     */
    using Writer = std::function<void(const FabricHeader& header,
                                      const Mac& src,
                                      const Mac& dst,
                                      std::vector<uint8_t>& frame)>;

    /// RoCEv2's UDP destination port.
    static constexpr uint16_t kUdpPort = 4791;
    /// EtherType of frames for kinds without a writer (IEEE 802 local experimental).
    static constexpr uint16_t kExperimentalEtherType = 0x88B5;

    /// BTH opcodes planet uses (RC transport).
    enum Opcode : uint8_t
    {
        RC_WRITE_FIRST = 0x06,
        RC_WRITE_MIDDLE = 0x07,
        RC_WRITE_LAST = 0x08,
        RC_WRITE_ONLY = 0x0A,
        RC_ACKNOWLEDGE = 0x11,
        ROCE_CNP = 0x81,
    };

    /**
     * \brief The frame of a packet.
     * \param header its header
     * \param src source MAC
     * \param dst destination MAC
     * \return the bytes, Ethernet header first (no FCS, as pcap stores Ethernet frames)
     */
    static std::vector<uint8_t> Serialise(const FabricHeader& header,
                                          const Mac& src,
                                          const Mac& dst);

    /**
     * \brief Give packets of this FabricHeader::kind their own bytes.
     * \param kind the kind (RDMA's kinds are taken)
     * \param writer the writer
     * \throws std::invalid_argument for one of RDMA's kinds
     */
    static void RegisterWriter(uint8_t kind, Writer writer);

    /// \brief The IPv4 address of host h (10.0.0.1 + h), host byte order.
    static uint32_t HostAddress(uint32_t host);
    /// \brief The BTH opcode of an RDMA packet.
    static uint8_t BthOpcode(const FabricHeader& header);

    /**
     * \brief Append Ethernet (IPv4) + IPv4 + UDP 4791 headers for a UDP payload of this size.
     * For writers of other RoCEv2 packets (CNP).
     */
    static void AppendUdpHeaders(const FabricHeader& header,
                                 const Mac& src,
                                 const Mac& dst,
                                 uint32_t udpPayload,
                                 std::vector<uint8_t>& frame);
    /// \brief Append the ICRC of a frame whose IPv4 header starts at byte 14.
    static void AppendIcrc(std::vector<uint8_t>& frame);

  private:
    /// \brief The frame of a PFC PAUSE (header.priority: the class, header.psn: its quanta).
    static void AppendPause(const FabricHeader& header, const Mac& src, std::vector<uint8_t>& frame);
    /// \brief The frame of a RoCEv2 CNP.
    static void AppendCnp(const FabricHeader& header,
                          const Mac& src,
                          const Mac& dst,
                          std::vector<uint8_t>& frame);
};

} // namespace ns3

#endif /* RDMA_ROCE_FRAME_H */
