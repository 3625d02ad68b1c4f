/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_HARDWARE_H
#define QUANTUM_HARDWARE_H

#include "quantum-device.h"
#include "quantum-link.h"

#include <functional>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup planet
 * Hardware profiles chosen by name (planet-quantum --hardware): how each changes the device
 * parameters and the link optics, and which link model it uses by default. Pure C++.
 */

namespace planet
{

/// \brief A named parameter set.
struct HardwareProfile
{
    std::string name;         //!< the name it is chosen by
    std::string description;  //!< one line for help texts and the README
    std::string defaultLinks; //!< link model of --links=auto: nv-table|single-click|double-click
    /// Changes the device (loaded from a file or the NV defaults) and the optics derived from it.
    std::function<void(QuantumDevice&, OpticalParameters&)> apply;
};

/**
 * \brief The profiles, in the order help texts list them:
 * - `nv`: the device as given (NV centre defaults or a device file), the measured NV link table;
 * - `futuristic`: planet's better-than-today set (two-qubit gate, initialisation and readout errors
 * 1e-3, carbon T2 10 s, double-click links with emission efficiency 0.5 and visibility 0.9);
 * - `study`: the fidelity model of Skrzypczyk & Wehner's scheduler study: a protocol's fidelity
 *   is the Werner swap and distillation math on its links' fidelities, nothing else
 *   (MakeNoiseless()); the measured NV link table.
 */
const std::vector<HardwareProfile>& HardwareProfiles();

/// \brief The profiles' names, in HardwareProfiles() order.
std::vector<std::string> HardwareProfileNames();

/// \brief The profile called \p name.
/// \throws std::invalid_argument "parameter 'hardware': unknown value ..." listing the names
const HardwareProfile& FindHardwareProfile(const std::string& name);

/**
 * \brief Switches off every noise of \p device that planning and execution apply besides link
 * fidelity: initialisation, gate and readout errors are 0, entanglement attempts do not dephase
 * stored carbon spins (carbonDephasingPerAttempt 0), and both qubit kinds keep their state
 * forever (T1 = T2 = infinity). Operation times and qubit counts stay.
 *
 * The study's protocol generator (mdskrzypczyk/LinkScheduling, jobscheduling/protocolgen.py
 * with qmath.py) computes fidelities from the link capabilities by the Werner formulas alone;
 * its schedules track how long pairs wait but the fidelities do not depend on it.
 */
void MakeNoiseless(QuantumDevice& device);

} // namespace planet

#endif // QUANTUM_HARDWARE_H
