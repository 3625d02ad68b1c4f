/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-device.h"

#include "ns3/input-file.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace planet
{

const QubitMemory&
QuantumDevice::Memory(unsigned index) const
{
    return index < communicationQubits ? electron : carbon;
}

unsigned
QuantumDevice::Qubits() const
{
    return communicationQubits + storageQubits;
}

namespace
{

constexpr double NS = 1e-9;

/// Reads number at JSON pointer \p ptr into \p out (scaled), if present.
void
ReadNumber(const nlohmann::json& root,
           const std::string& path,
           const std::string& ptr,
           double scale,
           double& out)
{
    const nlohmann::json::json_pointer p(ptr);
    if (!root.contains(p))
    {
        return;
    }
    const auto& v = root.at(p);
    if (!v.is_number())
    {
        throw std::invalid_argument(path + ": field " + ptr + " must be a number");
    }
    out = v.get<double>() * scale;
}

} // namespace

QuantumDevice
LoadQuantumDevice(const std::string& path)
{
    const nlohmann::json root = ReadJsonFile("device configuration file", path);
    const std::string base = "/qpd_config/default/parameters";
    if (!root.contains(nlohmann::json::json_pointer(base)))
    {
        throw std::invalid_argument(path + ": field " + base + " is missing");
    }
    QuantumDevice d;
    const std::string g = base + "/gates";
    ReadNumber(root,
               path,
               g + "/electron_gates/initialization_op/operation_time",
               NS,
               d.electronInitTime_s);
    ReadNumber(root,
               path,
               g + "/carbon_gates/initialization_op/operation_time",
               NS,
               d.carbonInitTime_s);
    ReadNumber(root,
               path,
               g + "/electron_gates/single_qubit_gate/operation_time",
               NS,
               d.singleQubitGateTime_s);
    ReadNumber(root,
               path,
               g + "/carbon_gates/z_rot_gate/operation_time",
               NS,
               d.carbonZRotationTime_s);
    ReadNumber(root,
               path,
               g + "/two_qubit_gates/cx_direction/operation_time",
               NS,
               d.twoQubitGateTime_s);
    ReadNumber(root,
               path,
               g + "/electron_gates/measurement_op/operation_time",
               NS,
               d.measurementTime_s);
    ReadNumber(root,
               path,
               base + "/photon_emission/photon_emission_delay",
               NS,
               d.photonEmissionDelay_s);
    const std::string dep = "/noise_model/DEPOLARIZE_NM/depolar_prob";
    ReadNumber(root, path, g + "/electron_gates/initialization_op" + dep, 1, d.electronInitDepolar);
    ReadNumber(root, path, g + "/carbon_gates/initialization_op" + dep, 1, d.carbonInitDepolar);
    ReadNumber(root,
               path,
               g + "/electron_gates/single_qubit_gate" + dep,
               1,
               d.singleQubitGateDepolar);
    ReadNumber(root, path, g + "/carbon_gates/z_rot_gate" + dep, 1, d.carbonZRotationDepolar);
    ReadNumber(root, path, g + "/two_qubit_gates/cx_direction" + dep, 1, d.twoQubitGateDepolar);
    const std::string meas = g + "/electron_gates/measurement_op/noise_model/MEASURE_QUANTUMNM";
    ReadNumber(root, path, meas + "/prob_error_0", 1, d.readoutError0);
    ReadNumber(root, path, meas + "/prob_error_1", 1, d.readoutError1);
    ReadNumber(root,
               path,
               base + "/photon_emission/photon_emission_noise/collection_eff",
               1,
               d.collectionEfficiency);

    const nlohmann::json::json_pointer qp(base + "/qubits");
    if (root.contains(qp))
    {
        const auto& qubits = root.at(qp);
        if (!qubits.is_array())
        {
            throw std::invalid_argument(path + ": field " + qp.to_string() + " must be a list");
        }
        unsigned electrons = 0;
        unsigned carbons = 0;
        for (std::size_t i = 0; i < qubits.size(); ++i)
        {
            const std::string q = qp.to_string() + "/" + std::to_string(i);
            const auto& type = qubits[i].value("qubit_type", std::string());
            QubitMemory mem{0, 0};
            ReadNumber(root, path, q + "/noise_model/T1T2/T1", NS, mem.t1_s);
            ReadNumber(root, path, q + "/noise_model/T1T2/T2", NS, mem.t2_s);
            if (type == "electron")
            {
                ++electrons;
                d.electron = mem;
            }
            else if (type == "carbon")
            {
                ++carbons;
                d.carbon = mem;
            }
            else
            {
                throw std::invalid_argument(path + ": field " + q +
                                            "/qubit_type must be electron or carbon");
            }
        }
        d.communicationQubits = electrons;
        d.storageQubits = carbons;
    }
    if (d.communicationQubits == 0)
    {
        throw std::invalid_argument(path + ": a device needs at least one electron qubit");
    }
    return d;
}

OperationModel::OperationModel(const QuantumDevice& device)
    : m_device(device),
      m_readoutError((device.readoutError0 + device.readoutError1) / 2.0)
{
}

double
OperationModel::MoveTime() const
{
    return m_device.twoQubitGateTime_s;
}

double
OperationModel::SwapTime() const
{
    return m_device.twoQubitGateTime_s + 2.0 * m_device.measurementTime_s;
}

double
OperationModel::DistillLocalTime() const
{
    return m_device.twoQubitGateTime_s + m_device.measurementTime_s;
}

double
OperationModel::AfterMoves(double fidelity, unsigned moves) const
{
    for (unsigned i = 0; i < moves; ++i)
    {
        fidelity = ApplyDepolarising(fidelity, m_device.twoQubitGateDepolar);
    }
    return fidelity;
}

double
OperationModel::NoisySwap(double f1, double f2) const
{
    // The Bell measurement's gate touches one qubit of each pair; its two readouts each flip one
    // correction bit with the mean readout error.
    const double p = m_device.twoQubitGateDepolar;
    double f = SwapFidelity(ApplyDepolarising(f1, p), ApplyDepolarising(f2, p));
    f = ApplyPauliError(f, m_readoutError);
    return ApplyPauliError(f, m_readoutError);
}

DistillationOutcome
OperationModel::NoisyDistill(double kept, double sacrificed) const
{
    // Each node's bilateral gate touches one qubit of each pair; each node reads out its qubit of
    // the sacrificed pair.
    const double p = m_device.twoQubitGateDepolar;
    const double k = ApplyDepolarising(ApplyDepolarising(kept, p), p);
    double s = ApplyDepolarising(ApplyDepolarising(sacrificed, p), p);
    s = ApplyPauliError(ApplyPauliError(s, m_readoutError), m_readoutError);
    return Distill(k, s);
}

const QuantumDevice&
OperationModel::Device() const
{
    return m_device;
}

} // namespace planet
