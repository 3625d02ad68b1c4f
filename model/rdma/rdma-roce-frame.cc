// SPDX-License-Identifier: GPL-2.0-only

#include "rdma-roce-frame.h"

#include "rdma-queue-pair.h"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace ns3
{

namespace
{

constexpr uint32_t kEthernetBytes = 14;
constexpr uint32_t kIpv4Bytes = 20;
constexpr uint32_t kUdpBytes = 8;
constexpr uint32_t kBthBytes = 12;
constexpr uint32_t kRethBytes = 16;
constexpr uint32_t kAethBytes = 4;
constexpr uint32_t kIcrcBytes = 4;
constexpr uint8_t kAckSyndrome = 0x1F; //!< ACK, credit count invalid
constexpr uint8_t kNakSequence = 0x60; //!< NAK, PSN sequence error
constexpr uint32_t kCnpReservedBytes = 16; //!< RoCEv2 CNP: 16 reserved bytes after the BTH
constexpr uint16_t kMacControlEtherType = 0x8808;
constexpr uint16_t kPfcOpcode = 0x0101;   //!< IEEE 802.1Qbb priority-based flow control
constexpr uint32_t kMinFrameBytes = 60;  //!< Ethernet's minimum frame without its FCS
const RoceFrame::Mac kPauseMac{0x01, 0x80, 0xC2, 0x00, 0x00, 0x01};

std::map<uint8_t, RoceFrame::Writer>&
Writers()
{
    static std::map<uint8_t, RoceFrame::Writer> writers;
    return writers;
}

void
Put16(std::vector<uint8_t>& b, uint32_t v)
{
    b.push_back(static_cast<uint8_t>(v >> 8));
    b.push_back(static_cast<uint8_t>(v));
}

void
Put24(std::vector<uint8_t>& b, uint32_t v)
{
    b.push_back(static_cast<uint8_t>(v >> 16));
    Put16(b, v & 0xFFFF);
}

void
Put32(std::vector<uint8_t>& b, uint32_t v)
{
    Put16(b, v >> 16);
    Put16(b, v & 0xFFFF);
}

void
PutEthernet(std::vector<uint8_t>& b,
            const RoceFrame::Mac& src,
            const RoceFrame::Mac& dst,
            uint16_t type)
{
    b.insert(b.end(), dst.begin(), dst.end());
    b.insert(b.end(), src.begin(), src.end());
    Put16(b, type);
}

/// CRC-32 (IEEE 802.3, reflected), continuing from `crc` (pre-inverted state).
uint32_t
Crc32(uint32_t crc, const uint8_t* data, std::size_t n)
{
    static const auto table = [] {
        std::array<uint32_t, 256> t{};
        for (uint32_t i = 0; i < 256; ++i)
        {
            uint32_t c = i;
            for (int k = 0; k < 8; ++k)
            {
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            t[i] = c;
        }
        return t;
    }();
    for (std::size_t i = 0; i < n; ++i)
    {
        crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
    }
    return crc;
}

} // namespace

uint32_t
RoceFrame::HostAddress(uint32_t host)
{
    return 0x0A000001u + host;
}

uint8_t
RoceFrame::BthOpcode(const FabricHeader& h)
{
    if (h.kind != RDMA_DATA)
    {
        return RC_ACKNOWLEDGE;
    }
    const bool first = h.transportFlags & RDMA_FIRST;
    const bool last = h.transportFlags & RDMA_LAST;
    return first ? (last ? RC_WRITE_ONLY : RC_WRITE_FIRST)
                 : (last ? RC_WRITE_LAST : RC_WRITE_MIDDLE);
}

void
RoceFrame::RegisterWriter(uint8_t kind, Writer writer)
{
    if (kind == RDMA_DATA || kind == RDMA_ACK || kind == RDMA_NACK || kind == RDMA_CNP)
    {
        throw std::invalid_argument("RoceFrame::RegisterWriter: kind " + std::to_string(kind) +
                                    " is RDMA's (DATA, ACK, NACK, CNP)");
    }
    Writers()[kind] = std::move(writer);
}

void
RoceFrame::AppendUdpHeaders(const FabricHeader& h,
                            const Mac& src,
                            const Mac& dst,
                            uint32_t udpPayload,
                            std::vector<uint8_t>& b)
{
    PutEthernet(b, src, dst, 0x0800);
    const std::size_t ip = b.size();
    const uint8_t ecn = h.Has(FabricHeader::CE) ? 3 : h.Has(FabricHeader::ECT) ? 2 : 0;
    b.push_back(0x45); // IPv4, 5 words
    b.push_back(ecn);  // DSCP 0
    Put16(b, kIpv4Bytes + kUdpBytes + udpPayload);
    Put16(b, 0);      // identification
    Put16(b, 0x4000); // don't fragment
    b.push_back(64);  // TTL
    b.push_back(17);  // UDP
    Put16(b, 0);      // checksum, below
    Put32(b, HostAddress(h.src));
    Put32(b, HostAddress(h.dst));
    uint32_t sum = 0;
    for (std::size_t i = ip; i < ip + kIpv4Bytes; i += 2)
    {
        sum += (static_cast<uint32_t>(b[i]) << 8) | b[i + 1];
    }
    sum = (sum & 0xFFFF) + (sum >> 16);
    sum = (sum & 0xFFFF) + (sum >> 16);
    b[ip + 10] = static_cast<uint8_t>(~sum >> 8);
    b[ip + 11] = static_cast<uint8_t>(~sum);
    Put16(b, 0xC000 | (h.entropy & 0x3FFF));
    Put16(b, kUdpPort);
    Put16(b, kUdpBytes + udpPayload);
    Put16(b, 0); // no UDP checksum
}

void
RoceFrame::AppendIcrc(std::vector<uint8_t>& b)
{
    // RoCEv2: 64 bits of ones in place of the LRH, then the IP, UDP and BTH headers with the
    // fields routers may change set to ones (IP ToS, TTL, checksum; UDP checksum; BTH's
    // reserved byte with FECN/BECN), then everything else up to the ICRC.
    std::vector<uint8_t> masked(b.begin() + kEthernetBytes, b.end());
    masked[1] = 0xFF;                                       // ToS
    masked[8] = 0xFF;                                       // TTL
    masked[10] = masked[11] = 0xFF;                         // IP checksum
    masked[kIpv4Bytes + 6] = masked[kIpv4Bytes + 7] = 0xFF; // UDP checksum
    masked[kIpv4Bytes + kUdpBytes + 4] = 0xFF;              // BTH FECN, BECN, reserved
    const uint8_t ones[8] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    uint32_t crc = Crc32(0xFFFFFFFFu, ones, sizeof(ones));
    crc = ~Crc32(crc, masked.data(), masked.size());
    // Sent least significant byte first, as Ethernet sends its FCS.
    for (int i = 0; i < 4; ++i)
    {
        b.push_back(static_cast<uint8_t>(crc >> (8 * i)));
    }
}

void
RoceFrame::AppendPause(const FabricHeader& h, const Mac& src, std::vector<uint8_t>& b)
{
    PutEthernet(b, src, kPauseMac, kMacControlEtherType);
    Put16(b, kPfcOpcode);
    Put16(b, 1u << (h.priority & 7)); // class-enable vector: the one paused class
    for (uint8_t p = 0; p < FabricHeader::kPriorities; ++p)
    {
        Put16(b, p == (h.priority & 7) ? h.psn & 0xFFFF : 0); // quanta; 0 = XON
    }
    b.resize(std::max<std::size_t>(b.size(), kMinFrameBytes), 0);
}

void
RoceFrame::AppendCnp(const FabricHeader& h, const Mac& src, const Mac& dst, std::vector<uint8_t>& b)
{
    AppendUdpHeaders(h, src, dst, kBthBytes + kCnpReservedBytes + kIcrcBytes, b);
    b.push_back(ROCE_CNP);
    b.push_back(0);  // SE 0, MigReq 0, PadCnt 0, TVer 0
    Put16(b, 0xFFFF); // default P_Key
    b.push_back(0x40); // BECN: a CNP notifies the sender of congestion
    Put24(b, h.qp & 0xFFFFFF);
    b.push_back(0);
    Put24(b, 0); // PSN: not used by a CNP
    b.insert(b.end(), kCnpReservedBytes, 0);
    AppendIcrc(b);
}

std::vector<uint8_t>
RoceFrame::Serialise(const FabricHeader& h, const Mac& src, const Mac& dst)
{
    std::vector<uint8_t> b;
    if (h.Has(FabricHeader::PAUSE))
    {
        AppendPause(h, src, b);
        return b;
    }
    if (h.kind == RDMA_CNP)
    {
        AppendCnp(h, src, dst, b);
        return b;
    }
    if (h.kind != RDMA_DATA && h.kind != RDMA_ACK && h.kind != RDMA_NACK)
    {
        const auto it = Writers().find(h.kind);
        if (it != Writers().end())
        {
            it->second(h, src, dst, b);
            return b;
        }
        PutEthernet(b, src, dst, kExperimentalEtherType);
        for (const uint32_t v :
             {h.src, h.dst, h.flowLabel, h.entropy, h.pathId, h.payload, h.qp, h.psn, h.sack})
        {
            Put32(b, v);
        }
        b.push_back(h.flags);
        b.push_back(h.kind);
        b.push_back(h.transportFlags);
        return b;
    }
    const uint8_t opcode = BthOpcode(h);
    const bool data = h.kind == RDMA_DATA;
    const bool reth = opcode == RC_WRITE_FIRST || opcode == RC_WRITE_ONLY;
    const uint32_t pad = data ? (4 - h.payload % 4) % 4 : 0;
    const uint32_t ibBytes = kBthBytes + (reth ? kRethBytes : 0) + (data ? 0 : kAethBytes) +
                             h.payload + pad + kIcrcBytes;
    b.reserve(kEthernetBytes + kIpv4Bytes + kUdpBytes + ibBytes);
    AppendUdpHeaders(h, src, dst, ibBytes, b);
    // BTH
    b.push_back(opcode);
    b.push_back(static_cast<uint8_t>(pad << 4)); // SE 0, MigReq 0, PadCnt, TVer 0
    Put16(b, 0xFFFF);                            // default P_Key
    const bool fecn = data && h.Has(FabricHeader::CE);
    const bool becn = !data && (h.transportFlags & RDMA_ECE);
    b.push_back(static_cast<uint8_t>((fecn ? 0x80 : 0) | (becn ? 0x40 : 0)));
    Put24(b, h.qp & 0xFFFFFF);
    const uint32_t psn = h.kind == RDMA_ACK ? h.psn - 1 : h.psn;
    b.push_back(data && (h.transportFlags & RDMA_ACKREQ) ? 0x80 : 0);
    Put24(b, psn & 0xFFFFFF);
    if (reth)
    {
        b.insert(b.end(), kRethBytes, 0); // VA, R_Key, DMA length: not modelled
    }
    if (!data)
    {
        b.push_back(h.kind == RDMA_ACK ? kAckSyndrome : kNakSequence);
        Put24(b, 0); // MSN: not modelled
    }
    b.insert(b.end(), h.payload + pad, 0);
    AppendIcrc(b);
    return b;
}

} // namespace ns3
