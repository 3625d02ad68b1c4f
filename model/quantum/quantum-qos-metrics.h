/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_QOS_METRICS_H
#define QUANTUM_QOS_METRICS_H

#include <vector>

/**
 * \file
 * \ingroup planet
 * Quality-of-service measures of a periodic delivery, as pure functions of the start times of
 * its instances: for planned schedules (quantum-periodic.h) and for schedules measured while
 * they run. Pure C++ (no ns-3). Times are in any one unit; a jitter is in that unit squared.
 */

namespace planet
{

/**
 * \brief Start jitter as the study of Skrzypczyk & Wehner defines it: the (population)
 * variance of the differences between consecutive starts minus the period,
 *
 *     d_k = s_{k+1} - s_k - P,  k = 0 .. n-2,   jitter = mean_k (d_k - mean d)^2,
 *
 * taken in time order and not cyclically (the last start is not compared with the first one of
 * the next hyperperiod). Fewer than two starts have no difference: 0. A delivery that keeps
 * one constant distance between starts has jitter 0 whatever that distance.
 * \param starts start times of the instances, in any order (sorted here)
 * \param period the period P, > 0 and finite
 * \return the jitter, in the starts' unit squared
 * \throws std::invalid_argument for a period that is not positive and finite, or a start that
 * is not finite
 */
double StudyStartJitter(std::vector<double> starts, double period);

/**
 * \brief planet's cyclic start jitter: the mean square of the start-to-start distances minus
 * the period with the distances taken cyclically, the last start followed by the first one
 * plus the hyperperiod H:
 *
 *     jitter = (1/n) sum_k (s_{k+1} - s_k - P)^2,  s_n = s_0 + H.
 *
 * With n = H / P starts the cyclic distances average to P exactly, so this is their variance
 * around the period, and it counts the distance across the hyperperiod boundary that the
 * study's measure leaves out. No start: 0.
 * \param starts start times of the instances of one hyperperiod, in any order (sorted here)
 * \param period the period P, > 0 and finite
 * \param hyperperiod the length H of the repeating schedule, > 0 and finite
 * \return the jitter, in the starts' unit squared
 * \throws std::invalid_argument for a period or hyperperiod that is not positive and finite,
 * or a start that is not finite
 */
double CyclicStartJitter(std::vector<double> starts, double period, double hyperperiod);

} // namespace planet

#endif // QUANTUM_QOS_METRICS_H
