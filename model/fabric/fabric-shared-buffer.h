// SPDX-License-Identifier: GPL-2.0-only

#ifndef FABRIC_SHARED_BUFFER_H
#define FABRIC_SHARED_BUFFER_H

#include <cstdint>
#include <vector>

namespace planet
{

/// \brief Where the shared-buffer MMU put a packet (or that it dropped it).
enum class BufferPool : uint8_t
{
    Reserved, //!< the egress queue's reserved bytes
    Shared,   //!< the switch's shared pool
    Headroom, //!< the ingress port and priority's PFC headroom (lossless priorities only)
    Dropped,  //!< no room: the packet is dropped
};

/**
 * \ingroup planet
 * \brief The parameters of a switch's shared buffer (see SharedBuffer).
 */
struct SharedBufferConfig
{
    uint64_t bufferBytes{0};    //!< the whole buffer of the switch
    uint64_t reservedBytes{0};  //!< reserved per egress queue (port, priority)
    double alpha{1.0};          //!< dynamic threshold of a lossy egress queue
    double pfcAlpha{0.125};     //!< dynamic XOFF threshold of a lossless ingress queue
    uint64_t xoffBytes{0};      //!< static XOFF threshold (0: dynamic, from pfcAlpha)
    uint64_t xonOffsetBytes{0}; //!< resume once the ingress queue is this far below XOFF
    uint8_t losslessMask{0};    //!< bit p set: priority p is lossless (PFC, headroom)

    /// \brief Check the fields; throws std::invalid_argument naming the bad one.
    void Validate() const;
};

/**
 * \ingroup planet
 * \brief The byte accounting of a shared-buffer switch (the MMU), without the simulator.
 *
 * The buffer (bufferBytes) is split into a reserve per egress queue (port, priority), a
 * headroom pool (headroom[port] for each lossless priority of each port) and the shared pool,
 * the rest. A packet goes, at arrival, to the first pool with room:
 * 1. its egress queue's reserve, while that holds less than reservedBytes;
 * 2. the shared pool: a lossy priority while its egress queue's shared bytes stay within the
 *    dynamic threshold alpha * (shared pool - shared bytes in use) (Choudhury and Hahne's
 *    dynamic threshold); a lossless priority while its ingress queue (port, priority)'s shared
 *    bytes stay within the XOFF threshold (xoffBytes, or pfcAlpha times the free shared pool);
 * 3. a lossless priority: its ingress queue's headroom;
 * and is dropped otherwise (a lossless priority only when its headroom is exhausted: the
 * headroom was too small for what was in flight). ShouldPause() and ShouldResume() are the
 * PFC rules of an ingress queue: pause once it uses headroom or reaches the XOFF threshold;
 * resume once its headroom is empty and its shared bytes are xonOffsetBytes below XOFF.
 */
class SharedBuffer
{
  public:
    /**
     * \brief A buffer for a switch.
     * \param config the parameters (validated)
     * \param headroom headroom bytes per lossless priority, by port (its size is the ports)
     * \throws std::invalid_argument when reserve and headroom leave no shared pool
     */
    SharedBuffer(const SharedBufferConfig& config, std::vector<uint64_t> headroom);

    /// Priorities per port.
    static constexpr uint32_t kPriorities = 8;

    /**
     * \brief Admit a packet (or not) and account it.
     * \param in ingress port
     * \param out egress port
     * \param priority its priority (0-7)
     * \param bytes its size
     * \return the pool it went to, or Dropped
     */
    BufferPool Admit(uint32_t in, uint32_t out, uint8_t priority, uint64_t bytes);
    /// \brief A packet admitted into `pool` leaves the buffer (same arguments as Admit).
    void Release(uint32_t in, uint32_t out, uint8_t priority, uint64_t bytes, BufferPool pool);

    /// \brief Whether an ingress queue should be paused now (lossless priorities only).
    bool ShouldPause(uint32_t in, uint8_t priority) const;
    /// \brief Whether a paused ingress queue may resume now.
    bool ShouldResume(uint32_t in, uint8_t priority) const;
    /// \brief Whether a priority is lossless.
    bool IsLossless(uint8_t priority) const;

    /// \brief Bytes in the buffer (all pools).
    uint64_t Occupancy() const;
    /// \brief The whole buffer.
    uint64_t BufferBytes() const;
    /// \brief Size of the shared pool.
    uint64_t SharedPoolBytes() const;
    /// \brief Shared bytes in use.
    uint64_t SharedUsed() const;
    /// \brief The lossy egress queues' dynamic threshold now: alpha * free shared pool.
    uint64_t EgressThreshold() const;
    /// \brief The lossless ingress queues' XOFF threshold now.
    uint64_t XoffThreshold() const;
    /// \brief Bytes of an egress queue (all pools).
    uint64_t QueueBytes(uint32_t out, uint8_t priority) const;
    /// \brief Headroom bytes an ingress queue uses.
    uint64_t HeadroomUsed(uint32_t in, uint8_t priority) const;
    /// \brief The headroom of a port (per lossless priority).
    uint64_t Headroom(uint32_t port) const;
    /// \brief Number of ports.
    uint32_t Ports() const;

  private:
    std::size_t Index(uint32_t port, uint8_t priority) const;

    SharedBufferConfig m_config;
    std::vector<uint64_t> m_headroom; //!< by port
    uint64_t m_sharedPool{0};
    uint64_t m_sharedUsed{0};
    uint64_t m_occupancy{0};
    std::vector<uint64_t> m_egressReserved;  //!< reserved bytes in use, by egress queue
    std::vector<uint64_t> m_egressShared;    //!< shared bytes, by egress queue
    std::vector<uint64_t> m_egressBytes;     //!< all bytes, by egress queue
    std::vector<uint64_t> m_ingressShared;   //!< shared bytes, by ingress queue
    std::vector<uint64_t> m_ingressHeadroom; //!< headroom bytes, by ingress queue
};

} // namespace planet

#endif /* FABRIC_SHARED_BUFFER_H */
