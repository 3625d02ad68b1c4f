// SPDX-License-Identifier: GPL-2.0-only

#ifndef FABRIC_MMU_H
#define FABRIC_MMU_H

#include "fabric-shared-buffer.h"

#include "ns3/object.h"
#include "ns3/traced-value.h"

#include <memory>
#include <vector>

namespace ns3
{

class FabricNetDevice;

/**
 * \ingroup planet
 * \brief A switch's shared buffer (memory management unit): admission, PFC, occupancy.
 *
 * The ports' egress queues draw from one buffer (planet::SharedBuffer describes the pools and
 * the rules). BufferBytes sets the buffer, or 0 scales it with the switch: BufferBytesPerPort
 * per port (a Tomahawk-class 12 MB over 32 ports by default). The headroom of a port for each
 * lossless priority is HeadroomBytes, or, at 0, what can land in it once its PAUSE is decided:
 * the packet that did not fit (the decision), 2 x rate x delay of its link (the PAUSE going
 * up, the last packets coming down), a maximum frame the port may be sending before the PAUSE
 * leaves, one the upstream may have begun when it arrives, and the PAUSE frame's own time. The
 * buffer is set up when the first packet arrives (the ports and their links are known then), or by
 * Setup().
 *
 * A lossless ingress queue that should pause makes its port send XOFF (FabricPfc::SetXoff);
 * it sends XON when a packet that came in through it leaves and it may resume.
 */
class FabricMmu : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    FabricMmu();

    /**
     * \brief Add a port (the switch does, in port order).
     * \param device the port's device (its FabricPfc, if any, sends the pauses)
     * \return the port index
     */
    uint32_t AddPort(Ptr<FabricNetDevice> device);
    /// \brief Size the pools now (ports and links complete); throws std::invalid_argument.
    void Setup();

    /**
     * \brief Admit a packet into an egress queue (or not); pauses its ingress if it should.
     * \param in ingress port
     * \param out egress port
     * \param priority its priority
     * \param bytes its wire bytes
     * \return the pool it went to, or Dropped
     */
    planet::BufferPool Admit(uint32_t in, uint32_t out, uint8_t priority, uint32_t bytes);
    /// \brief A packet leaves its egress queue; its ingress resumes if it may.
    void Release(uint32_t in,
                 uint32_t out,
                 uint8_t priority,
                 uint32_t bytes,
                 planet::BufferPool pool);

    /// \brief The accounting (after Setup()).
    const planet::SharedBuffer& GetBuffer() const;
    /// \brief The largest occupancy seen.
    uint64_t GetMaxOccupancy() const;
    /// \brief The most headroom one ingress queue used.
    uint64_t GetMaxHeadroomUsed() const;

  protected:
    void DoDispose() override;

  private:
    /// The computed headroom of a port.
    uint64_t ComputedHeadroom(const FabricNetDevice& device) const;

    uint64_t m_bufferBytes;
    uint64_t m_bufferBytesPerPort;
    uint64_t m_reservedBytes;
    double m_alpha;
    double m_pfcAlpha;
    uint64_t m_xoffBytes;
    uint64_t m_xonOffsetBytes;
    uint64_t m_headroomBytes;
    uint32_t m_maxFrameBytes;
    uint8_t m_losslessMask;

    std::vector<Ptr<FabricNetDevice>> m_ports;
    std::unique_ptr<planet::SharedBuffer> m_buffer;
    TracedValue<uint64_t> m_occupancy{0};
    uint64_t m_maxOccupancy{0};
    uint64_t m_maxHeadroom{0};
};

} // namespace ns3

#endif /* FABRIC_MMU_H */
