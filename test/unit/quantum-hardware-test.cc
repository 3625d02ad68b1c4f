/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Hardware profiles by name: the registry, and the study profile's operations against the
// Werner formulas written out here (no noise but the links').

#include "ns3/quantum-device.h"
#include "ns3/quantum-fidelity.h"
#include "ns3/quantum-hardware.h"

#include <gtest/gtest.h>
#include <stdexcept>
#include <string>

using namespace planet;

namespace
{

double
WernerSwap(double a, double b)
{
    return a * b + (1 - a) * (1 - b) / 3;
}

/// BBPSSW on Werner pairs: (fidelity kept, success probability).
std::pair<double, double>
Bbpssw(double a, double b)
{
    const double p = a * b + a * (1 - b) / 3 + b * (1 - a) / 3 + 5 * (1 - a) * (1 - b) / 9;
    return {(a * b + (1 - a) * (1 - b) / 9) / p, p};
}

QuantumDevice
Applied(const std::string& name, OpticalParameters* optics = nullptr)
{
    QuantumDevice device;
    OpticalParameters own;
    FindHardwareProfile(name).apply(device, optics ? *optics : own);
    return device;
}

} // namespace

TEST(QuantumHardware, ProfilesByNameAndAnErrorListingThem)
{
    EXPECT_EQ(HardwareProfileNames(), (std::vector<std::string>{"nv", "futuristic", "study"}));
    EXPECT_EQ(FindHardwareProfile("study").defaultLinks, "nv-table");
    EXPECT_EQ(FindHardwareProfile("futuristic").defaultLinks, "double-click");
    try
    {
        FindHardwareProfile("ideal");
        FAIL() << "an unknown profile is accepted";
    }
    catch (const std::invalid_argument& e)
    {
        const std::string what = e.what();
        EXPECT_NE(what.find("'hardware'"), std::string::npos) << what;
        EXPECT_NE(what.find("'ideal'"), std::string::npos) << what;
        EXPECT_NE(what.find("nv|futuristic|study"), std::string::npos) << what;
    }
}

TEST(QuantumHardware, NvKeepsTheDeviceAndFuturisticChangesWhatItSays)
{
    const QuantumDevice defaults;
    const auto nv = Applied("nv");
    EXPECT_DOUBLE_EQ(nv.twoQubitGateDepolar, defaults.twoQubitGateDepolar);
    EXPECT_DOUBLE_EQ(nv.carbon.t2_s, defaults.carbon.t2_s);
    OpticalParameters optics;
    const auto futuristic = Applied("futuristic", &optics);
    EXPECT_DOUBLE_EQ(futuristic.twoQubitGateDepolar, 1e-3);
    EXPECT_DOUBLE_EQ(futuristic.readoutError0, 1e-3);
    EXPECT_DOUBLE_EQ(futuristic.readoutError1, 1e-3);
    EXPECT_DOUBLE_EQ(futuristic.carbon.t2_s, 10.0);
    EXPECT_DOUBLE_EQ(optics.emissionEfficiency, 0.5);
    EXPECT_DOUBLE_EQ(optics.visibility, 0.9);
}

TEST(QuantumHardware, StudyOperationsAreTheWernerFormulasAlone)
{
    const QuantumDevice defaults;
    const auto study = Applied("study");
    const OperationModel ops(study);
    const OperationModel nv(defaults);
    for (double a : {0.6, 0.7908, 0.8771})
    {
        EXPECT_DOUBLE_EQ(ops.AfterMoves(a, 3), a);
        for (double b : {0.55, 0.8771, 0.999})
        {
            EXPECT_NEAR(ops.NoisySwap(a, b), WernerSwap(a, b), 1e-15);
            const auto [kept, p] = Bbpssw(a, b);
            const auto d = ops.NoisyDistill(a, b);
            EXPECT_NEAR(d.fidelity, kept, 1e-15);
            EXPECT_NEAR(d.successProbability, p, 1e-15);
            // The NV device's gates and readouts cost fidelity: the test can tell them apart.
            EXPECT_LT(nv.NoisySwap(a, b), WernerSwap(a, b) - 1e-3);
        }
    }
    // Stored pairs keep their fidelity, however long they wait, in either memory model.
    for (const auto& name : {"T1T2", "Dephasing"})
    {
        const auto model = MakeDecoherenceModel(name);
        for (double wait : {1e-3, 10.0, 1e6})
        {
            EXPECT_DOUBLE_EQ(model->Decohere(0.8771, wait, study.electron, study.carbon), 0.8771)
                << name << " after " << wait << " s";
        }
    }
    // Entanglement attempts leave stored carbon spins alone (NV's dephase them).
    EXPECT_DOUBLE_EQ(ops.AttemptCoherence(100000), 1.0);
    EXPECT_LT(nv.AttemptCoherence(1000), 0.5);
    // Operation times and qubit counts stay NV's.
    EXPECT_DOUBLE_EQ(ops.SwapTime(), OperationModel(defaults).SwapTime());
    EXPECT_DOUBLE_EQ(ops.MoveTime(), OperationModel(defaults).MoveTime());
    EXPECT_EQ(study.Qubits(), defaults.Qubits());
}
