// SPDX-License-Identifier: GPL-2.0-only

#ifndef FABRIC_PFC_H
#define FABRIC_PFC_H

#include "fabric-header.h"

#include "ns3/event-id.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <array>
#include <deque>

namespace ns3
{

class FabricNetDevice;

/**
 * \ingroup planet
 * \brief PFC statistics of one port.
 */
struct FabricPfcStats
{
    uint64_t framesSent{0};     //!< PAUSE frames this port sent (XOFF, refresh and XON)
    uint64_t framesReceived{0}; //!< PAUSE frames this port received
    uint64_t pauses{0};         //!< times one of its egress priorities was paused
    double pausedS{0};          //!< time its egress priorities were paused (summed)
    double longestPauseS{0};    //!< the longest single pause of one priority
};

/**
 * \ingroup planet
 * \brief Priority-based flow control (IEEE 802.1Qbb) at one port: obeying the PAUSE frames
 * that arrive and sending the ones its switch asks for.
 *
 * Obeying: a PAUSE frame for priority p with quanta q > 0 stops the port's egress queue of p
 * (after the frame on the wire) for q x 512 bit times at the port's rate from the frame's
 * exact arrival, or until a frame with quanta 0 (XON) resumes it; a new frame restarts the
 * time. Sending: SetXoff(p, true) sends a PAUSE with PauseQuanta and repeats it when half of
 * that time has passed while the XOFF lasts; SetXoff(p, false) sends quanta 0. A PAUSE frame
 * is a MAC control frame: it leaves before any queued packet (after the one on the wire),
 * whatever is paused, and takes the wire time of a packet without payload. Each frame carries
 * one priority (a real frame's class-enable vector can carry several).
 */
class FabricPfc : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    FabricPfc();

    /// \brief The device this port is (not owned; the device owns this object).
    void SetDevice(FabricNetDevice* device);

    /// \brief Whether the egress queue of a priority is paused.
    bool IsPaused(uint8_t priority) const
    {
        return ((m_pausedMask >> priority) & 1) != 0;
    }

    /// \brief The paused priorities (bit p: priority p).
    uint8_t GetPausedMask() const
    {
        return m_pausedMask;
    }

    /**
     * \brief A PAUSE frame has arrived.
     * \param header the frame (priority: the class, psn: the quanta)
     * \param arrival its exact arrival (FabricTime)
     */
    void ReceivePause(const FabricHeader& header, int64_t arrival);

    /// \brief Ask the upstream port to stop (true) or resume (false) a priority.
    void SetXoff(uint8_t priority, bool xoff);
    /// \brief Whether this port has asked the upstream to stop a priority.
    bool IsXoff(uint8_t priority) const;

    /// \brief Whether a PAUSE frame waits to be sent.
    bool HasFrame() const
    {
        return !m_frames.empty();
    }

    /// \brief The next PAUSE frame to send (HasFrame() must be true).
    FabricHeader TakeFrame();

    /// \brief The statistics so far (pauses in progress counted up to now).
    FabricPfcStats GetStats() const;

    /// \brief The time of a number of pause quanta at a rate, on the exact clock (FabricTime).
    static int64_t QuantaTime(uint32_t quanta, uint64_t rateBps);

    /// Signature of the Pause trace: priority, paused (true) or resumed (false).
    typedef void (*PauseCallback)(uint8_t priority, bool paused);

  protected:
    void DoDispose() override;

  private:
    /// Resume a priority at an exact time.
    void Resume(uint8_t priority, int64_t at);
    /// Queue a frame (one per priority: a newer one replaces one not sent yet).
    void QueueFrame(uint8_t priority, uint16_t quanta);
    /// Send the XOFF again (it still lasts).
    void Refresh(uint8_t priority);
    /// Schedule the next Refresh at half the pause time.
    void ScheduleRefresh(uint8_t priority);

    uint16_t m_quanta;
    FabricNetDevice* m_device{nullptr};
    uint8_t m_pausedMask{0};
    uint8_t m_xoffMask{0};
    std::array<int64_t, FabricHeader::kPriorities> m_pausedSince{};
    std::array<EventId, FabricHeader::kPriorities> m_expiry;
    std::array<EventId, FabricHeader::kPriorities> m_refresh;
    std::deque<std::pair<uint8_t, uint16_t>> m_frames; //!< (priority, quanta) to send
    FabricPfcStats m_stats;

    TracedCallback<uint8_t, bool> m_pauseTrace;
    TracedCallback<uint8_t, bool> m_xoffTrace;
};

} // namespace ns3

#endif /* FABRIC_PFC_H */
