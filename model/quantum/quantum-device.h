/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_DEVICE_H
#define QUANTUM_DEVICE_H

#include "quantum-fidelity.h"

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
 * How planning uses them (see OperationModel below): a link-generation task ends by moving the
 * fresh pair from the communication qubit into a storage qubit (one two-qubit gate); a swap is a
 * Bell-state measurement (two-qubit gate plus two readouts); a BBPSSW distillation step is a
 * bilateral two-qubit gate, one readout per node and the exchange of the outcomes.
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

/**
 * \brief Durations and noise of the planning operations on one device type.
 *
 * The noise is applied to Werner fidelities: a depolarising two-qubit gate depolarises each of
 * its qubits with probability twoQubitGateDepolar; a readout error turns into a Pauli error on
 * the pair with the mean readout error probability.
 */
class OperationModel
{
  public:
    /// \brief Model of \p device.
    explicit OperationModel(const QuantumDevice& device);

    /// \brief Time to move a fresh pair's qubit from the communication to a storage qubit.
    double MoveTime() const;
    /// \brief Time of a swap (Bell-state measurement) at a repeater.
    double SwapTime() const;
    /// \brief Local time of a distillation step, without the classical exchange.
    double DistillLocalTime() const;

    /// \brief Fidelity of a pair after moving \p moves of its qubits into storage.
    double AfterMoves(double fidelity, unsigned moves) const;
    /// \brief Fidelity after a noisy swap of pairs \p f1, \p f2.
    double NoisySwap(double f1, double f2) const;
    /// \brief Outcome of a noisy BBPSSW step (gate noise on both pairs, readout noise on the
    /// sacrificed pair).
    DistillationOutcome NoisyDistill(double kept, double sacrificed) const;

    /// \brief The device.
    const QuantumDevice& Device() const;

  private:
    QuantumDevice m_device;
    double m_readoutError; //!< mean readout error probability
};

} // namespace planet

#endif // QUANTUM_DEVICE_H
