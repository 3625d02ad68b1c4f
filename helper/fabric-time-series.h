// SPDX-License-Identifier: GPL-2.0-only

#ifndef FABRIC_TIME_SERIES_H
#define FABRIC_TIME_SERIES_H

#include "ns3/fabric-header.h"
#include "ns3/fabric-leaf-spine.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"

#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

class LeafSpineHelper;
class RdmaStack;

/**
 * \ingroup planet
 * \brief Queue depths and rates over time of a fabric run, in fixed sampling intervals, as
 * tidy CSV tables a plotting library reads (one row per series and interval).
 *
 * Built from trace sources only (the devices' QueueBytes and Transmit, the stacks' Deliver), it
 * schedules no event: an interval is closed when the first change after it arrives, and
 * Finish() closes the rest. Interval k is [k dt, (k + 1) dt).
 *
 * - Queues (`--traceQueues`): per traced link and interval the time-average and the largest
 *   occupancy of its egress queue (wire bytes): `time_s,link,mean_bytes,max_bytes`.
 * - Rates (`--traceRates`): per traced link the wire bits it transmitted in the interval per
 *   second (`link_tx`; a packet's bits shared among the intervals its serialisation spans,
 *   from the event that starts it), and per host the payload bits its stack delivered in order
 *   per second (`host_rx`, goodput, counted when delivered): `time_s,series,kind,bps`. The
 *   last interval may be shorter (the end of the run): its rate is over its own length.
 *
 * Links are named as LeafSpineShape::LinkName() names them with "-" for "->" (a shell reads
 * "->" as a redirection): "host3-leaf0", "leaf0-host3", "leaf2-spine1", "spine1-leaf2", with
 * ".p" after the spine for parallel link p when there are several ("leaf2-spine1.0").
 */
class FabricTimeSeries
{
  public:
    /**
     * \brief The links a `--traceQueues` value names.
     * \param shape the fabric
     * \param spec "" (none), "all" (every link), "fabric" (every leaf-spine link, both ways) or
     *        a comma-separated list of link names
     * \return link indices (LeafSpineShape numbering), in the order given
     * \throws std::invalid_argument naming 'traceQueues', the bad name and the syntax
     */
    static std::vector<uint32_t> ParseLinks(const planet::LeafSpineShape& shape,
                                            const std::string& spec);
    /// \brief The name of link i in these tables ("leaf2-spine1").
    static std::string LinkName(const planet::LeafSpineShape& shape, uint32_t link);

    /**
     * \brief Connect to the traces of a built fabric.
     * \param fabric the fabric (installed)
     * \param stacks the hosts' stacks, by host id (for host_rx; may be empty without rates)
     * \param links links to trace
     * \param queues whether to trace their queues
     * \param rates whether to trace their transmit rates and every host's goodput
     * \param interval the sampling interval (> 0)
     * \throws std::invalid_argument naming 'sampleInterval' when it is not positive
     */
    FabricTimeSeries(const LeafSpineHelper& fabric,
                     const std::vector<Ptr<RdmaStack>>& stacks,
                     const std::vector<uint32_t>& links,
                     bool queues,
                     bool rates,
                     Time interval);
    ~FabricTimeSeries();

    /// \brief Close every interval up to now (call after the run, before writing).
    void Finish();
    /// \brief Write the queue table (header line included).
    void WriteQueues(std::ostream& os) const;
    /// \brief Write the rate table (header line included).
    void WriteRates(std::ostream& os) const;

  private:
    struct Queue;
    struct Counter;

    planet::LeafSpineShape m_shape;
    int64_t m_dt;                                  //!< interval in time steps
    std::vector<std::unique_ptr<Queue>> m_queues;  //!< by traced link
    std::vector<std::unique_ptr<Counter>> m_rates; //!< link_tx by traced link, then host_rx
};

} // namespace ns3

#endif /* FABRIC_TIME_SERIES_H */
