// SPDX-License-Identifier: GPL-2.0-only

#ifndef FABRIC_ECN_H
#define FABRIC_ECN_H

#include <cstdint>

namespace planet
{

/**
 * \ingroup planet
 * \brief RED-style ECN marking as DCQCN deployments configure it (Zhu et al., SIGCOMM 2015):
 * the probability of marking a packet CE at a queue of `queued` bytes.
 *
 * 0 up to kmin, rising linearly from 0 to pmax between kmin and kmax, 1 at kmax and above.
 * \param queued the queue's bytes (the instantaneous queue, not RED's average)
 * \param kmin bytes up to which nothing is marked
 * \param kmax bytes from which every packet is marked (> kmin)
 * \param pmax the probability just below kmax
 * \return the marking probability
 */
inline double
EcnMarkProbability(uint64_t queued, uint64_t kmin, uint64_t kmax, double pmax)
{
    if (queued <= kmin)
    {
        return 0.0;
    }
    if (queued >= kmax)
    {
        return 1.0;
    }
    return pmax * static_cast<double>(queued - kmin) / static_cast<double>(kmax - kmin);
}

} // namespace planet

#endif /* FABRIC_ECN_H */
