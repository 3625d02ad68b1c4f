/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_DEVICE_H
#define QUANTUM_DEVICE_H

#include "quantum-fidelity.h"
#include "quantum-link.h"

#include <string>

namespace planet
{

/**
 * \brief Parameters of a quantum network node's processor (an NV centre by default).
 *
 * Qubit 0 .. communicationQubits-1 are communication qubits (NV electron spin), the remaining
 * storageQubits are memory qubits (carbon nuclear spins). Default values equal
 * data/quantum/nv-device-config.json; times are in seconds, noise values are probabilities.
 *
 * How planning uses them (see OperationModel below): a link-generation task initialises the
 * storage qubit, attempts, and ends by moving the fresh pair's half from the communication qubit
 * into the storage qubit (OperationModel::MoveCircuit); a swap is the NV Bell-state measurement
 * (OperationModel::SwapCircuit); a BBPSSW distillation step is a bilateral two-qubit gate, one
 * readout per node and the exchange of the outcomes. Every electron entanglement attempt at a
 * node dephases the carbon spins stored there (carbonDephasingPerAttempt).
 */
struct QuantumDevice
{
    unsigned communicationQubits = 1; //!< electron spins (link generation)
    unsigned storageQubits = 3;       //!< carbon spins (memory)

    double electronInitTime_s = 2.0e-6;     //!< electron initialisation
    double carbonInitTime_s = 310.0e-6;     //!< carbon initialisation
    double singleQubitGateTime_s = 5e-9;    //!< electron single-qubit gate
    double carbonZRotationTime_s = 20.0e-6; //!< carbon Z rotation
    double twoQubitGateTime_s = 500.0e-6;   //!< electron-carbon controlled gate
    double measurementTime_s = 3.7e-6;      //!< electron readout
    double photonEmissionDelay_s = 5.5e-6;  //!< delay until the entangled photon leaves

    double electronInitDepolar = 0.025;         //!< depolarising prob. of electron init
    double carbonInitDepolar = 0.025;           //!< depolarising prob. of carbon init
    double singleQubitGateDepolar = 0.0;        //!< depolarising prob. of a single-qubit gate
    double carbonZRotationDepolar = 1.0 / 3000; //!< depolarising prob. of a carbon Z rotation
    double twoQubitGateDepolar = 1.0 / 60;      //!< depolarising prob. per qubit of a 2q gate
    double readoutError0 = 0.05;                //!< P(read 1 | state 0)
    double readoutError1 = 0.005;               //!< P(read 0 | state 1)

    /**
     * Probability that one electron entanglement attempt dephases (Z error) a carbon spin
     * stored at the same node. Kalb et al. 2018 ("Dephasing mechanisms of diamond-based
     * nuclear-spin memories for quantum networks", PRA 97, 062330), Eq. (2): each attempt
     * multiplies a carbon's coherence by 1 - p_b + p_b exp(-(dw tau)^2 / 2), where p_b is the
     * probability that the electron is reset from the state that couples to the carbon, dw the
     * carbon's hyperfine coupling and tau the electron's reset (repump) time; a dephasing
     * probability p does the same with 1 - 2p. Default: carbon C2 of that paper as NetSquid-NV's
     * NVParameterSet2019 uses it (dw = 2 pi 77 kHz, tau = 163 ns) and p_b = 1/2 (the electron
     * in an equal superposition, as in Kalb et al.'s entangling sequence):
     * p = (1 - exp(-(2 pi 77e3 163e-9)^2 / 2)) / 4 = 7.7616e-4.
     */
    double carbonDephasingPerAttempt = 7.761602031686743e-4;

    QubitMemory electron{3600.0, 1.46}; //!< T1/T2 of a communication qubit
    QubitMemory carbon{36000.0, 1.0};   //!< T1/T2 of a storage qubit

    double collectionEfficiency = 0.014600132684931629; //!< photon emission+collection (eta_s)

    /// \brief Memory of local qubit \p index (communication qubits first).
    const QubitMemory& Memory(unsigned index) const;
    /// \brief Total number of qubits.
    unsigned Qubits() const;
};

/**
 * \brief Reads a device from a NetSquid-style configuration file such as
 * data/quantum/nv-device-config.json (qpd_config.default.parameters). Fields absent from the
 * file keep the defaults above; a missing file, malformed JSON or a value of the wrong type
 * raises std::invalid_argument naming the file and the field.
 */
QuantumDevice LoadQuantumDevice(const std::string& path);

/// \brief The optics of \p device's links: its photon emission-and-collection efficiency and
/// emission delay, OpticalParameters' defaults for the rest (fibre, detectors, visibility).
OpticalParameters DeviceOptics(const QuantumDevice& device);

/**
 * \brief Gate counts of an NV circuit, costed with a QuantumDevice.
 *
 * The gates run one after the other (the NV electron takes part in each), so the circuit takes
 * the sum of their times. Its noise on a Werner pair is a factor on the Werner parameter w (all
 * the noise below is Pauli or depolarising, so the factors commute and it does not matter which
 * half a gate touches):
 * - each two-qubit-gate depolarisation (a gate depolarises each of its qubits that holds part
 *   of a pair with twoQubitGateDepolar, NetSquid-NV's ec_gate noise): 1 - twoQubitGateDepolar;
 * - each carbon Z rotation and electron single-qubit gate on a qubit holding pair information:
 *   1 - its depolarising probability;
 * - each electron or carbon initialisation whose qubit then receives pair information: an
 *   initialisation with depolarising probability p leaves |1> with probability p / 2
 *   (NetSquid's convention), which the circuit turns into a bit flip of the pair: 1 - 2p/3;
 * - each electron readout: its outcome is wrong with the mean readout error q, a Pauli error on
 *   the pair: 1 - 4q/3.
 */
struct NvCircuit
{
    unsigned electronInits = 0;           //!< electron initialisations
    unsigned carbonInits = 0;             //!< carbon initialisations
    unsigned singleQubitGates = 0;        //!< electron rotations
    unsigned carbonZRotations = 0;        //!< carbon Z rotations
    unsigned twoQubitGates = 0;           //!< electron-carbon controlled rotations (CXDIR)
    unsigned twoQubitDepolarisations = 0; //!< qubits holding pair information those gates touch
    unsigned readouts = 0;                //!< electron measurements

    /// \brief Sum of the gate times on \p device.
    double Time(const QuantumDevice& device) const;
    /// \brief Factor on the Werner parameter of a pair the circuit acts on.
    double WernerFactor(const QuantumDevice& device) const;
    /// \brief The two circuits one after the other.
    NvCircuit operator+(const NvCircuit& other) const;
};

/**
 * \brief Durations and noise of the planning operations on one device type.
 *
 * The noise is applied to Werner fidelities (see NvCircuit). Link generation: the electron is
 * initialised at the start of every attempt (its time is part of the attempt: NetSquid-NV's
 * photon emission delay, OpticalParameters::emissionTime_s, is reset plus emission); the pair
 * comes from the successful attempt, so each end's initialisation error enters once per pair
 * (AfterGeneration). A storage qubit is initialised once, before the attempts (the electron is
 * needed for it, so it is not overlapped with them), and the half then moved into it
 * (MoveCircuit).
 */
class OperationModel
{
  public:
    /// \brief Model of \p device; std::invalid_argument naming the field when
    /// carbonDephasingPerAttempt is outside [0, 1/2].
    explicit OperationModel(const QuantumDevice& device);

    /**
     * \brief The move of a half from the electron e into an initialised carbon c, as
     * NetSquid-NV's move_using_CXDirections (after Kalb et al. 2017, arXiv:1703.03244, Fig. 1):
     * Rz(c, -pi/2), CXDIR(e, c, pi/2), Rz(c, pi/2), Rx(e, pi/2), CXDIR(e, c, pi/2),
     * Ry(e, -pi/2): two electron-carbon gates (each depolarises the half once, as NetSquid-NV's
     * own approximation of this move), two carbon Z rotations, two electron rotations. The
     * carbon's initialisation (StoragePreparation) comes before the attempts.
     */
    static NvCircuit MoveCircuit();
    /// \brief Initialisation of the storage qubit a fresh half will be moved into.
    static NvCircuit StoragePreparation();
    /**
     * \brief The swap of two halves stored at a repeater, both in carbons c1, c2 (planet moves
     * every fresh half into storage), with the electron e as the only readable qubit:
     * 1. init(e) and the reverse move of c1's half into e (the MoveCircuit run backwards:
     *    Ry(e), CXDIR, Rx(e), Rz(c1), CXDIR, Rz(c1));
     * 2. the electron-carbon Bell-state measurement of the study's RestrictedBSMProgram (Kalb et
     *    al. 2017, Fig. 2a reversed): Rz(c2), CXDIR(e, c2), Rz(c2), Ry(e), measure(e); init(e);
     *    the reverse move mapping c2 onto e; H(e); measure(e).
     * In all: two electron initialisations, five electron-carbon gates (six depolarisations of
     * pair qubits: the BSM's first gate touches both halves), six carbon Z rotations, six
     * electron rotations and two readouts.
     */
    static NvCircuit SwapCircuit();

    /// \brief Time a link-generation task spends besides its attempts when it moves the pair
    /// into storage: StoragePreparation() before the attempts plus MoveCircuit() after them.
    double MoveTime() const;
    /// \brief Time of StoragePreparation() (the part of MoveTime() before the attempts).
    double StoragePreparationTime() const;
    /// \brief Time of a swap (SwapCircuit) at a repeater.
    double SwapTime() const;
    /// \brief Local time of a distillation step, without the classical exchange.
    double DistillLocalTime() const;

    /// \brief Fidelity of a heralded pair of link fidelity \p fidelity once both ends'
    /// electron-initialisation errors (one initialisation each, see the class) are applied.
    double AfterGeneration(double fidelity) const;
    /// \brief Fidelity after moving one half into storage: StoragePreparation() and
    /// MoveCircuit() on it.
    double AfterMove(double fidelity) const;
    /// \brief Fidelity of a fresh pair of link fidelity \p fidelity as planning stores it:
    /// AfterGeneration() and then \p moves AfterMove() (one per end with storage).
    double AfterMoves(double fidelity, unsigned moves) const;
    /// \brief Fidelity after a noisy swap (SwapCircuit) of pairs \p f1, \p f2.
    double NoisySwap(double f1, double f2) const;

    /// \brief Coherence factor of a stored carbon after \p attempts electron entanglement
    /// attempts at its node: (1 - 2 carbonDephasingPerAttempt)^attempts.
    double AttemptCoherence(uint64_t attempts) const;
    /**
     * \brief Expected AttemptCoherence() of a carbon that holds a half while a window of
     * \p window attempts of \p link runs at its node and sees attempts k with
     * \p from < k <= \p to (1-based, in the window's order), given that the window succeeds
     * (a pair is delivered only when every window of its plan succeeds).
     *
     * The successful attempt N is geometric, P(N = k) = p (1-p)^(k-1) / (1 - (1-p)^window),
     * and the carbon sees max(0, min(N, to) - from) attempts: with lambda = 1 - 2 p_attempt the
     * sum over k has the closed form [1 - (1-p)^from + p (1-p)^from lambda (1 - ((1-p)
     * lambda)^m) / (1 - (1-p) lambda) + lambda^m ((1-p)^to - (1-p)^window)] / (1 - (1-p)^window)
     * with m = to - from (from, to clamped to the window).
     */
    double ExpectedAttemptCoherence(const LinkCapability& link,
                                    uint64_t window,
                                    uint64_t from,
                                    uint64_t to) const;
    /// \brief Fidelity of a Werner pair one of whose halves kept coherence factor
    /// \p coherence: a Z error with probability (1 - coherence) / 2 (ApplyPauliError).
    static double AfterDephasing(double fidelity, double coherence);
    /// \brief Outcome of a noisy BBPSSW step (gate noise on both pairs, readout noise on the
    /// sacrificed pair).
    DistillationOutcome NoisyDistill(double kept, double sacrificed) const;

    /// \brief The device.
    const QuantumDevice& Device() const;

  private:
    QuantumDevice m_device;
    double m_readoutError; //!< mean readout error probability
    // The circuits' figures on m_device (planning asks for them per candidate).
    double m_moveTime;         //!< (StoragePreparation() + MoveCircuit()).Time
    double m_preparationTime;  //!< StoragePreparation().Time
    double m_swapTime;         //!< SwapCircuit().Time
    double m_generationFactor; //!< Werner factor of both ends' electron initialisation
    double m_moveFactor;       //!< (StoragePreparation() + MoveCircuit()).WernerFactor
    double m_swapFactor;       //!< SwapCircuit().WernerFactor
};

} // namespace planet

#endif // QUANTUM_DEVICE_H
