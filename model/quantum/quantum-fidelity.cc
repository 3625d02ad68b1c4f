/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-fidelity.h"

#include "ns3/input-check.h"

#include <cmath>
#include <stdexcept>

namespace planet
{

double
WernerFromFidelity(double fidelity)
{
    return (4.0 * fidelity - 1.0) / 3.0;
}

double
FidelityFromWerner(double werner)
{
    return (3.0 * werner + 1.0) / 4.0;
}

double
SwapFidelity(double f1, double f2)
{
    return FidelityFromWerner(WernerFromFidelity(f1) * WernerFromFidelity(f2));
}

DistillationOutcome
Distill(double kept, double sacrificed)
{
    const double a = kept;
    const double b = sacrificed;
    const double p =
        a * b + a * (1.0 - b) / 3.0 + b * (1.0 - a) / 3.0 + 5.0 * (1.0 - a) * (1.0 - b) / 9.0;
    return {(a * b + (1.0 - a) * (1.0 - b) / 9.0) / p, p};
}

std::vector<DistillationOutcome>
PumpingSequence(double initial, double fresh, unsigned rounds)
{
    CheckCount("rounds", rounds, 0, kMaxPumpingRounds, "kMaxPumpingRounds");
    std::vector<DistillationOutcome> out;
    out.reserve(rounds);
    double f = initial;
    for (unsigned i = 0; i < rounds; ++i)
    {
        out.push_back(Distill(f, fresh));
        f = out.back().fidelity;
    }
    return out;
}

double
ApplyPauliError(double fidelity, double probability)
{
    return (1.0 - probability) * fidelity + probability * (1.0 - fidelity) / 3.0;
}

double
ApplyDepolarising(double fidelity, double probability)
{
    return FidelityFromWerner((1.0 - probability) * WernerFromFidelity(fidelity));
}

namespace
{

double
DecayFactor(double t, double tau)
{
    return std::isinf(tau) ? 1.0 : std::exp(-t / tau);
}

/// Fidelity of a Werner pair after a channel E (x) E that takes |Phi+> to a state of fidelity
/// \p bellFidelity and the maximally mixed state I/4 to one of fidelity \p mixedFidelity: the
/// channel is linear, so F = w bellFidelity + (1 - w) mixedFidelity (1/4 for unital noise).
double
Twirl(double fidelity, double bellFidelity, double mixedFidelity)
{
    const double w = WernerFromFidelity(fidelity);
    return w * bellFidelity + (1.0 - w) * mixedFidelity;
}

} // namespace

std::string
T1T2Decoherence::Name() const
{
    return "T1T2";
}

double
T1T2Decoherence::Decohere(double fidelity,
                          double wait_s,
                          const QubitMemory& a,
                          const QubitMemory& b) const
{
    const double ga = 1.0 - DecayFactor(wait_s, a.t1_s);
    const double gb = 1.0 - DecayFactor(wait_s, b.t1_s);
    const double coherence = DecayFactor(wait_s, a.t2_s) * DecayFactor(wait_s, b.t2_s);
    const double bell = (1.0 + ga * gb + (1.0 - ga) * (1.0 - gb) + 2.0 * coherence) / 4.0;
    // Amplitude damping is not unital: I/4 decays towards |00>, diag((1+ga)(1+gb), ...)/4, whose
    // overlap with Phi+ is (rho_00,00 + rho_11,11)/2 = (1 + ga gb)/4.
    return Twirl(fidelity, bell, (1.0 + ga * gb) / 4.0);
}

std::string
DephasingDecoherence::Name() const
{
    return "Dephasing";
}

double
DephasingDecoherence::Decohere(double fidelity,
                               double wait_s,
                               const QubitMemory& a,
                               const QubitMemory& b) const
{
    const double coherence = DecayFactor(wait_s, a.t2_s) * DecayFactor(wait_s, b.t2_s);
    return Twirl(fidelity, (1.0 + coherence) / 2.0, 0.25);
}

std::unique_ptr<DecoherenceModel>
MakeDecoherenceModel(const std::string& name)
{
    if (name == "T1T2")
    {
        return std::make_unique<T1T2Decoherence>();
    }
    if (name == "Dephasing")
    {
        return std::make_unique<DephasingDecoherence>();
    }
    throw std::invalid_argument("decoherence model '" + name +
                                "' is unknown: allowed values are T1T2, Dephasing");
}

} // namespace planet
