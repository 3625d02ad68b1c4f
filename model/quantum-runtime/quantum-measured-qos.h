/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_MEASURED_QOS_H
#define QUANTUM_MEASURED_QOS_H

#include <cstdint>
#include <map>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup planet
 * What users of a quantum network actually got: measured QoS per demand from the outcomes of
 * the executed instances. Pure C++ (no ns-3); the controller (quantum-controller.h) fills the
 * outcomes from the nodes' delivery and abort reports.
 */

namespace planet
{

/// \brief How one executed instance of a demand ended.
struct InstanceOutcome
{
    uint64_t seq{0};         //!< instance number since the activation (hyperperiod x n + k)
    double release_s{0};     //!< release time (simulation time)
    double deadline_s{0};    //!< release + period
    bool delivered{false};   //!< the pair reached both end nodes' applications
    double delivered_s{0};   //!< when the later end node got it
    double fidelity{0};      //!< fidelity of the delivered pair then
    std::string abortReason; //!< why it was aborted ("" when delivered or unfinished)
};

/// \brief Measured QoS of one demand.
struct MeasuredQos
{
    uint64_t instances{0};                     //!< instances released during the run
    uint64_t delivered{0};                     //!< pairs delivered
    uint64_t aborted{0};                       //!< instances aborted
    uint64_t unfinished{0};                    //!< neither (the run ended first)
    uint64_t late{0};                          //!< delivered after the deadline
    std::map<std::string, uint64_t> abortedBy; //!< aborts per reason
    double duration_s{0};                      //!< the run's length
    double rate_hz{0};                         //!< delivered / duration
    double fidelityMean{0};                    //!< mean fidelity of the delivered pairs
    double fidelityP05{0};                     //!< 5th percentile of it
    double fractionAtLeastFmin{0};             //!< of the delivered pairs
    double latencyMean_s{0};                   //!< mean of delivery - release
    double wcrt_s{0};                          //!< largest delivery - release
    double jitter_s2{0};                       //!< the study's jitter of the delivery times
    double latencyJitter_s2{0};                //!< the same with lost instances left out
};

/**
 * \brief The p-th percentile (0..100) of \p values by linear interpolation between the order
 * statistics (numpy.percentile's default); 0 for no values.
 */
double Percentile(std::vector<double> values, double p);

/**
 * \brief Summary of one demand's instance outcomes.
 *
 * Jitter is StudyStartJitter (quantum-qos-metrics.h) of the delivery times of the delivered
 * instances with the demand's period: what a user sees, so a lost instance between two
 * delivered ones counts as one distance of two periods. Latency jitter is StudyStartJitter of
 * the delivered instances' latencies placed one period apart (the j-th delivered at
 * j P + latency): the variation of delivery within the period, lost instances left out.
 * \param outcomes every instance released during the run
 * \param period_s the demand's period
 * \param fmin the demand's minimum fidelity
 * \param duration_s the run's length (for the rate)
 * \return the figures
 */
MeasuredQos SummariseOutcomes(const std::vector<InstanceOutcome>& outcomes,
                              double period_s,
                              double fmin,
                              double duration_s);

} // namespace planet

#endif // QUANTUM_MEASURED_QOS_H
