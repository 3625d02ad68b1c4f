/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_FIDELITY_H
#define QUANTUM_FIDELITY_H

#include <memory>
#include <string>
#include <vector>

namespace planet
{

/**
 * \defgroup planet-quantum-math Entanglement math
 * \brief Werner-state algebra used by protocol synthesis and task-graph evaluation.
 *
 * Every pair is treated as a Werner state rho = w |Phi+><Phi+| + (1-w) I/4, fully described by
 * its fidelity F = (3w+1)/4 with |Phi+>. Operations that leave the Werner family (memory noise,
 * distillation) are followed by a twirl back to the Werner state of the same fidelity, the usual
 * assumption of the planning literature.
 */

/// \brief Werner parameter w = (4F-1)/3 of a pair with fidelity \p fidelity.
double WernerFromFidelity(double fidelity);

/// \brief Fidelity F = (3w+1)/4 of a Werner state with parameter \p werner.
double FidelityFromWerner(double werner);

/// \brief Fidelity after an ideal entanglement swap of two Werner pairs: w = w1 w2.
double SwapFidelity(double f1, double f2);

/// \brief Outcome of one BBPSSW distillation step.
struct DistillationOutcome
{
    double fidelity;           //!< fidelity of the kept pair when the step succeeds
    double successProbability; //!< probability that both parities agree
};

/**
 * \brief One ideal BBPSSW step on a kept pair of fidelity \p kept and a sacrificed pair of
 * fidelity \p sacrificed (order does not matter for the ideal step).
 *
 * p = F1F2 + F1(1-F2)/3 + F2(1-F1)/3 + 5(1-F1)(1-F2)/9, F' = (F1F2 + (1-F1)(1-F2)/9)/p.
 */
DistillationOutcome Distill(double kept, double sacrificed);

/// \brief Most rounds PumpingSequence() computes (the fidelity has long converged by then).
constexpr unsigned kMaxPumpingRounds = 1u << 16;

/**
 * \brief Entanglement pumping: \p rounds BBPSSW steps, each on the current pair and a fresh pair
 * of fidelity \p fresh. Element i is the outcome after round i+1 (its success probability is
 * that of round i+1 alone). std::invalid_argument for more than kMaxPumpingRounds rounds.
 */
std::vector<DistillationOutcome> PumpingSequence(double initial, double fresh, unsigned rounds);

/// \brief Fidelity after a Pauli error that hits the pair with probability \p probability.
double ApplyPauliError(double fidelity, double probability);

/// \brief Fidelity after single-qubit depolarising noise with probability \p probability on one
/// qubit of the pair (rho -> (1-p) rho + p I/2 on that qubit): w -> (1-p) w.
double ApplyDepolarising(double fidelity, double probability);

/// \brief Coherence times of one memory qubit, in seconds (infinity: no decay).
struct QubitMemory
{
    double t1_s; //!< energy relaxation time T1
    double t2_s; //!< coherence time T2 (includes the T1 contribution)
};

/**
 * \brief A model of how a stored pair loses fidelity while its two qubits wait in memory.
 *
 * Pluggable: planning code holds a `const DecoherenceModel&` and never asks which model it is.
 */
class DecoherenceModel
{
  public:
    virtual ~DecoherenceModel() = default;
    /// \brief Model name as given to MakeDecoherenceModel().
    virtual std::string Name() const = 0;
    /**
     * \brief Fidelity of a Werner pair of fidelity \p fidelity after its qubits waited
     * \p wait_s seconds in memories \p a and \p b (then twirled back to Werner form).
     */
    virtual double Decohere(double fidelity,
                            double wait_s,
                            const QubitMemory& a,
                            const QubitMemory& b) const = 0;
};

/**
 * \brief Amplitude damping (T1) plus dephasing (T2) on each stored qubit, the pair then
 * depolarised (twirled) to the Werner state of the same fidelity. Name "T1T2".
 *
 * For |Phi+> with damping gamma_i = 1 - exp(-t/T1_i) and coherence decay exp(-t/T2_i):
 * F_Phi = (1 + gamma_a gamma_b + (1-gamma_a)(1-gamma_b) + 2 exp(-t/T2_a - t/T2_b)) / 4.
 * The channel is not unital (damping drives I/4 towards |00>, of fidelity (1 + gamma_a
 * gamma_b)/4), so a Werner pair goes exactly to F = w F_Phi + (1-w)(1 + gamma_a gamma_b)/4 =
 * <Phi+|(E_a (x) E_b)(rho_W)|Phi+>, and the twirl keeps that fidelity.
 */
class T1T2Decoherence : public DecoherenceModel
{
  public:
    std::string Name() const override;
    double Decohere(double fidelity,
                    double wait_s,
                    const QubitMemory& a,
                    const QubitMemory& b) const override;
};

/**
 * \brief Pure dephasing (T2 only, T1 ignored), then twirled to Werner form. Name "Dephasing".
 *
 * F_Phi = (1 + exp(-t/T2_a - t/T2_b)) / 2 and F = w F_Phi + (1-w)/4.
 */
class DephasingDecoherence : public DecoherenceModel
{
  public:
    std::string Name() const override;
    double Decohere(double fidelity,
                    double wait_s,
                    const QubitMemory& a,
                    const QubitMemory& b) const override;
};

/// \brief The model named \p name: "T1T2" or "Dephasing"; std::invalid_argument otherwise.
std::unique_ptr<DecoherenceModel> MakeDecoherenceModel(const std::string& name);

} // namespace planet

#endif // QUANTUM_FIDELITY_H
