/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-device.h"

#include "ns3/input-check.h"
#include "ns3/input-file.h"

#include <algorithm>
#include <cmath>
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

OpticalParameters
DeviceOptics(const QuantumDevice& device)
{
    OpticalParameters optics;
    optics.emissionEfficiency = device.collectionEfficiency;
    optics.emissionTime_s = device.photonEmissionDelay_s;
    return optics;
}

double
NvCircuit::Time(const QuantumDevice& d) const
{
    return electronInits * d.electronInitTime_s + carbonInits * d.carbonInitTime_s +
           singleQubitGates * d.singleQubitGateTime_s + carbonZRotations * d.carbonZRotationTime_s +
           twoQubitGates * d.twoQubitGateTime_s + readouts * d.measurementTime_s;
}

double
NvCircuit::WernerFactor(const QuantumDevice& d) const
{
    const double readout = (d.readoutError0 + d.readoutError1) / 2.0;
    return std::pow(1.0 - d.twoQubitGateDepolar, twoQubitDepolarisations) *
           std::pow(1.0 - d.carbonZRotationDepolar, carbonZRotations) *
           std::pow(1.0 - d.singleQubitGateDepolar, singleQubitGates) *
           std::pow(1.0 - 2.0 * d.electronInitDepolar / 3.0, electronInits) *
           std::pow(1.0 - 2.0 * d.carbonInitDepolar / 3.0, carbonInits) *
           std::pow(1.0 - 4.0 * readout / 3.0, readouts);
}

NvCircuit
NvCircuit::operator+(const NvCircuit& o) const
{
    return {electronInits + o.electronInits,
            carbonInits + o.carbonInits,
            singleQubitGates + o.singleQubitGates,
            carbonZRotations + o.carbonZRotations,
            twoQubitGates + o.twoQubitGates,
            twoQubitDepolarisations + o.twoQubitDepolarisations,
            readouts + o.readouts};
}

NvCircuit
OperationModel::MoveCircuit()
{
    NvCircuit c;
    c.singleQubitGates = 2;
    c.carbonZRotations = 2;
    c.twoQubitGates = 2;
    c.twoQubitDepolarisations = 2;
    return c;
}

NvCircuit
OperationModel::StoragePreparation()
{
    NvCircuit c;
    c.carbonInits = 1;
    return c;
}

NvCircuit
OperationModel::SwapCircuit()
{
    NvCircuit reverseMove = MoveCircuit();
    reverseMove.electronInits = 1;
    NvCircuit bsm; // up to the first readout
    bsm.carbonZRotations = 2;
    bsm.twoQubitGates = 1;
    bsm.twoQubitDepolarisations = 2;
    bsm.singleQubitGates = 1;
    bsm.readouts = 1;
    NvCircuit readCarbon = reverseMove; // init(e), map c2 onto e, H(e), measure(e)
    readCarbon.singleQubitGates += 1;
    readCarbon.readouts = 1;
    return reverseMove + bsm + readCarbon;
}

OperationModel::OperationModel(const QuantumDevice& device)
    : m_device(device),
      m_readoutError((device.readoutError0 + device.readoutError1) / 2.0)
{
    // A Z error with probability above 1/2 is a Z with a smaller one: the model's range ends there.
    CheckInRange("carbonDephasingPerAttempt", device.carbonDephasingPerAttempt, 0.0, 0.5);
    NvCircuit init;
    init.electronInits = 2; // one per end
    const NvCircuit move = StoragePreparation() + MoveCircuit();
    m_moveTime = move.Time(device);
    m_preparationTime = StoragePreparation().Time(device);
    m_swapTime = SwapCircuit().Time(device);
    m_generationFactor = init.WernerFactor(device);
    m_moveFactor = move.WernerFactor(device);
    m_swapFactor = SwapCircuit().WernerFactor(device);
}

double
OperationModel::MoveTime() const
{
    return m_moveTime;
}

double
OperationModel::StoragePreparationTime() const
{
    return m_preparationTime;
}

double
OperationModel::SwapTime() const
{
    return m_swapTime;
}

double
OperationModel::DistillLocalTime() const
{
    return m_device.twoQubitGateTime_s + m_device.measurementTime_s;
}

double
OperationModel::AfterGeneration(double fidelity) const
{
    return FidelityFromWerner(WernerFromFidelity(fidelity) * m_generationFactor);
}

double
OperationModel::AfterMove(double fidelity) const
{
    return FidelityFromWerner(WernerFromFidelity(fidelity) * m_moveFactor);
}

double
OperationModel::AfterMoves(double fidelity, unsigned moves) const
{
    fidelity = AfterGeneration(fidelity);
    for (unsigned i = 0; i < moves; ++i)
    {
        fidelity = AfterMove(fidelity);
    }
    return fidelity;
}

double
OperationModel::NoisySwap(double f1, double f2) const
{
    return FidelityFromWerner(WernerFromFidelity(SwapFidelity(f1, f2)) * m_swapFactor);
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

double
OperationModel::AttemptCoherence(uint64_t attempts) const
{
    return std::pow(1.0 - 2.0 * m_device.carbonDephasingPerAttempt, static_cast<double>(attempts));
}

double
OperationModel::ExpectedAttemptCoherence(const LinkCapability& link,
                                         uint64_t window,
                                         uint64_t from,
                                         uint64_t to) const
{
    const double a = static_cast<double>(std::min(from, window));
    const double b = static_cast<double>(std::min(to, window));
    if (b <= a || m_device.carbonDephasingPerAttempt <= 0 || window == 0)
    {
        return 1.0;
    }
    const double lambda = 1.0 - 2.0 * m_device.carbonDephasingPerAttempt;
    const double p = link.successProbability;
    if (p >= 1)
    {
        return a < 1 ? lambda : 1.0; // the first attempt succeeds
    }
    const double lq = std::log1p(-p);
    const auto qpow = [&](double k) { return std::exp(k * lq); };
    const double n = static_cast<double>(window);
    const double m = b - a;
    const double ql = (1.0 - p) * lambda;
    const double before = 1.0 - qpow(a);
    const double during = p * qpow(a) * lambda * (1.0 - std::pow(ql, m)) / (1.0 - ql);
    const double after = std::pow(lambda, m) * (qpow(b) - qpow(n));
    return (before + during + after) / -std::expm1(n * lq);
}

double
OperationModel::AfterDephasing(double fidelity, double coherence)
{
    return ApplyPauliError(fidelity, (1.0 - coherence) / 2.0);
}

const QuantumDevice&
OperationModel::Device() const
{
    return m_device;
}

} // namespace planet
