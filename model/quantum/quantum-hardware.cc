/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-hardware.h"

#include <limits>
#include <stdexcept>

namespace planet
{

void
MakeNoiseless(QuantumDevice& device)
{
    const double forever = std::numeric_limits<double>::infinity();
    device.electronInitDepolar = 0;
    device.carbonInitDepolar = 0;
    device.singleQubitGateDepolar = 0;
    device.carbonZRotationDepolar = 0;
    device.twoQubitGateDepolar = 0;
    device.readoutError0 = 0;
    device.readoutError1 = 0;
    device.carbonDephasingPerAttempt = 0;
    device.electron = QubitMemory{forever, forever};
    device.carbon = QubitMemory{forever, forever};
}

const std::vector<HardwareProfile>&
HardwareProfiles()
{
    static const std::vector<HardwareProfile> profiles{
        {"nv",
         "NV centres as measured: the device defaults (or --device), links from the measured "
         "table the study uses",
         "nv-table",
         [](QuantumDevice&, OpticalParameters&) {}},
        {"futuristic",
         "planet's better-than-today set: two-qubit gate, initialisation and readout errors 1e-3, "
         "carbon T2 10 s, "
         "double-click links with emission efficiency 0.5 and visibility 0.9",
         "double-click",
         [](QuantumDevice& device, OpticalParameters& optics) {
             device.twoQubitGateDepolar = 1e-3;
             device.electronInitDepolar = 1e-3;
             device.carbonInitDepolar = 1e-3;
             device.readoutError0 = 1e-3;
             device.readoutError1 = 1e-3;
             device.carbon.t2_s = 10.0;
             optics.emissionEfficiency = 0.5;
             optics.visibility = 0.9;
         }},
        {"study",
         "the study's fidelity model: Werner swap and distillation of the links' fidelities, no "
         "initialisation, gate, readout, attempt-dephasing or memory noise (NV operation "
         "times), links from the measured table",
         "nv-table",
         [](QuantumDevice& device, OpticalParameters&) { MakeNoiseless(device); }},
    };
    return profiles;
}

std::vector<std::string>
HardwareProfileNames()
{
    std::vector<std::string> names;
    for (const auto& p : HardwareProfiles())
    {
        names.push_back(p.name);
    }
    return names;
}

const HardwareProfile&
FindHardwareProfile(const std::string& name)
{
    std::string list;
    for (const auto& p : HardwareProfiles())
    {
        if (p.name == name)
        {
            return p;
        }
        list += (list.empty() ? "" : "|") + p.name;
    }
    throw std::invalid_argument("parameter 'hardware': unknown value '" + name +
                                "' (allowed: " + list + ")");
}

} // namespace planet
