/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_HERALDED_LINK_H
#define QUANTUM_HERALDED_LINK_H

#include "quantum-node.h"

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/object.h"
#include "ns3/quantum-link.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <array>

namespace ns3
{

/**
 * \ingroup planet
 * \brief Heralded entanglement generation over one fibre link, with its heralding station at
 * the midpoint.
 *
 * Both ends arm the link for the same instance (each with its communication qubit, the
 * capability and the window of the task); from the later arming on, attempts follow each
 * other every attempt_s and each succeeds with the capability's successProbability. An attempt
 * is emission, the photons' flight to the station (L/2 at 2e8 m/s) and the herald's flight
 * back over the same fibre, so the herald reaches both ends L/(2c) after the station's
 * detection, at the end of the attempt (the link models define attempt_s this way). A success
 * leaves a pair of the capability's fidelity in the two communication qubits; when the window
 * (WindowAttempts of them) ends without one, the herald reports failure.
 *
 * The attempts are not one simulator event each: the station draws the number of the first
 * successful attempt from the geometric distribution of successProbability (which is what
 * attempting one by one gives) and the herald is one event at both ends (they are equally far
 * from the station). Heralds travel on the link's own fibre, not over the classical control
 * network: their timing is part of the attempt time.
 */
class QuantumHeraldedLink : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    QuantumHeraldedLink();

    /**
     * \brief Callback for a herald at one end: instance, token given to Arm, success.
     */
    typedef Callback<void, uint64_t, uint32_t, bool> HeraldCallback;

    /**
     * \brief Set the link up between \p a (side 0) and \p b (side 1).
     * \param index topology link index
     * \param a one end
     * \param b the other end
     * \param length_km fibre length
     */
    void Setup(uint32_t index, Ptr<QuantumNode> a, Ptr<QuantumNode> b, double length_km);

    /// \brief Where heralds for \p side go.
    void SetHeraldCallback(uint8_t side, HeraldCallback callback);

    /**
     * \brief Arm \p side for instance \p owner: attempts start once both sides are armed for it.
     * \param side 0 or 1
     * \param owner the instance
     * \param token returned with the herald
     * \param communication local communication qubit at that end
     * \param capability the capability to run with
     * \param window_s the attempt window
     */
    void Arm(uint8_t side,
             uint64_t owner,
             uint32_t token,
             uint32_t communication,
             const planet::LinkCapability& capability,
             double window_s);

    /// \brief Stop attempting for \p owner (an end gave the instance up).
    void Disarm(uint64_t owner);

    /// \return the fibre length in km
    double GetLength() const;
    /// \return the end on \p side
    Ptr<QuantumNode> GetEnd(uint8_t side) const;
    /// \return attempts made so far
    uint64_t GetAttempts() const;

    /**
     * \brief Use fixed random streams.
     * \param stream first stream index
     * \return streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /// Signature of the Generation trace: demand, instance, success, attempts, fidelity (0 on
    /// failure).
    typedef void (*GenerationCallback)(uint32_t demand,
                                       uint64_t seq,
                                       bool success,
                                       uint64_t attempts,
                                       double fidelity);

  protected:
    void DoDispose() override;

  private:
    /// One side's arming.
    struct Side
    {
        uint64_t owner{QuantumNode::kFree}; //!< instance armed for
        uint32_t token{0};                  //!< returned with the herald
        uint32_t qubit{0};                  //!< communication qubit
        HeraldCallback herald;              //!< where heralds go
    };

    /// Both sides armed: attempt.
    void Start();
    /// The herald reaches both ends.
    void Herald(bool success, uint64_t attempts);

    uint32_t m_index{0};                       //!< topology link index
    std::array<Ptr<QuantumNode>, 2> m_ends;    //!< the ends
    double m_length_km{0};                     //!< fibre length
    std::array<Side, 2> m_sides;               //!< arming per side
    planet::LinkCapability m_capability{0, 0}; //!< of the armed task
    double m_window_s{0};                      //!< of the armed task
    uint64_t m_running{QuantumNode::kFree};    //!< instance attempting now
    EventId m_herald;                          //!< the pending herald
    uint64_t m_attempts{0};                    //!< attempts so far
    Ptr<UniformRandomVariable> m_random;       //!< attempt outcomes

    TracedCallback<uint32_t, uint64_t, bool, uint64_t, double> m_generationTrace; //!< Generation
};

} // namespace ns3

#endif /* QUANTUM_HERALDED_LINK_H */
