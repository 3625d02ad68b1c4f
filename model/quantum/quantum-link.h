/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_LINK_H
#define QUANTUM_LINK_H

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace planet
{

/**
 * \brief One way of running a link: the fidelity of its heralded pairs, how an attempt goes,
 * and the rate that follows.
 *
 * Heralded generation repeats attempts of attempt_s seconds (emission, flight to the heralding
 * station, herald back), each succeeding with successProbability; rate_hz =
 * successProbability / attempt_s is the mean rate of back-to-back attempts. Build one with
 * MakeLinkCapability() so the three stay consistent.
 */
struct LinkCapability
{
    double fidelity;               //!< fidelity of a fresh heralded pair
    double rate_hz;                //!< expected pairs per second: successProbability / attempt_s
    double successProbability = 1; //!< probability that one attempt heralds a pair, in (0, 1]
    double attempt_s = 0;          //!< duration of one attempt, > 0
};

/// \brief The capability of attempts of \p attempt_s seconds succeeding with probability
/// \p successProbability, giving pairs of \p fidelity; std::invalid_argument unless the
/// probability is in (0, 1] and the attempt time positive.
LinkCapability MakeLinkCapability(double fidelity, double successProbability, double attempt_s);

/**
 * \brief How long a link-generation task attempts: its window, in seconds.
 *
 * \p quantile 0 gives the mean generation time 1 / rate_hz (planet's original window: it
 * succeeds only with probability about 1 - 1/e). A quantile q in (0, 1) gives the smallest
 * whole number of attempts that succeeds with probability at least q,
 * n = ceil(ln(1 - q) / ln(1 - p)) (about ln(1/(1-q))/p for small p), times attempt_s. Planning
 * (BuildTaskGraph) and execution use this one function, so both agree on what a task takes.
 * std::invalid_argument for a quantile outside [0, 1).
 */
double LinkGenerationWindow(const LinkCapability& link, double quantile);

/// \brief Attempts that fit in a window of \p window_s seconds: floor(window / attempt_s), up
/// to rounding of the window (a window of whole attempts keeps all of them).
uint64_t WindowAttempts(const LinkCapability& link, double window_s);

/// \brief Probability that a window of \p window_s seconds heralds a pair:
/// 1 - (1 - p)^WindowAttempts.
double WindowSuccessProbability(const LinkCapability& link, double window_s);

/// \brief Speed of light in fiber, m/s.
constexpr double kFiberLightSpeed_m_s = 2e8;

/**
 * \brief A model of heralded entanglement generation over one fiber link.
 *
 * Capabilities() lists the (fidelity, rate) choices the link offers (for instance one per
 * bright-state parameter alpha); protocol synthesis picks one per link.
 */
class LinkModel
{
  public:
    virtual ~LinkModel() = default;
    /// \brief Model name.
    virtual std::string Name() const = 0;
    /// \brief Capability choices of a link of \p length_km; std::invalid_argument when the
    /// model cannot describe that length.
    virtual std::vector<LinkCapability> Capabilities(double length_km) const = 0;
};

/// \brief Optical parameters shared by the physical link models.
struct OpticalParameters
{
    double attenuation_dB_km = 0.2;                   //!< fiber loss
    double emissionEfficiency = 0.014600132684931629; //!< eta_s: photon emitted and collected
    double detectionEfficiency = 0.8;                 //!< eta_d: detector efficiency
    double emissionTime_s = 5.5e-6;                   //!< t_emit: time to emit the photon
    double visibility = 1.0;                          //!< two-photon interference visibility V
};

/**
 * \brief Heralding-station geometry: the station sits in the middle, so each photon travels
 * L/2, and an attempt lasts 2 (L/2 / c + t_emit) (emission, flight, herald back).
 */
double AttemptTime(const OpticalParameters& optics, double length_km);

/// \brief Probability that one photon emitted at a node is detected at the midpoint station:
/// eta_s eta_d 10^(-attenuation (L/2) / 10).
double DetectionProbability(const OpticalParameters& optics, double length_km);

/**
 * \brief Single-click heralded generation with bright-state parameter alpha.
 *
 * Success per attempt p = 2 alpha p_det; fidelity F = (1 - alpha)(1 + V)/2 (1 - alpha for perfect
 * visibility). One capability per alpha, in the order given.
 */
class SingleClickLink : public LinkModel
{
  public:
    /// \brief Model with \p optics and the bright-state parameters \p alphas (each in (0, 1)).
    SingleClickLink(const OpticalParameters& optics, std::vector<double> alphas);
    std::string Name() const override;
    std::vector<LinkCapability> Capabilities(double length_km) const override;

  private:
    OpticalParameters m_optics;
    std::vector<double> m_alphas;
};

/**
 * \brief Double-click (Barrett-Kok) heralded generation: both photons must be detected.
 *
 * p = 1/2 (eta_s eta_d 10^(-attenuation (L/2) / 10))^2 per attempt; fidelity (1 + V)/2. One
 * capability.
 */
class DoubleClickLink : public LinkModel
{
  public:
    /// \brief Model with \p optics.
    explicit DoubleClickLink(const OpticalParameters& optics);
    std::string Name() const override;
    std::vector<LinkCapability> Capabilities(double length_km) const override;

  private:
    OpticalParameters m_optics;
};

/**
 * \brief Capabilities sampled per distance, e.g. data/quantum/nv-link-capabilities.json
 * (`fidelities` and `rates`: distance in km -> one value per alpha).
 *
 * Between two sampled distances fidelity and rate are interpolated linearly; a length outside
 * the sampled range raises std::invalid_argument naming the range. The table holds no attempt
 * time, so it is derived from the link's geometry as for the physical models (a midpoint
 * station: AttemptTime(optics, length)), and the per-attempt success probability is
 * rate x attempt time (std::invalid_argument if that exceeds 1).
 */
class TableLink : public LinkModel
{
  public:
    /// \brief Table: distance in km -> (fidelity, rate) per capability (all rows of the same
    /// size; only fidelity and rate_hz are read); \p optics gives the attempt time.
    explicit TableLink(std::map<double, std::vector<LinkCapability>> table,
                       const OpticalParameters& optics = {});
    std::string Name() const override;
    std::vector<LinkCapability> Capabilities(double length_km) const override;

  private:
    std::map<double, std::vector<LinkCapability>> m_table;
    OpticalParameters m_optics;
};

/// \brief Path of the measured NV link table in planet's source tree,
/// data/quantum/nv-link-capabilities.json (the capabilities the study uses): the default NV
/// link model (LoadTableLink(NvLinkTablePath(), optics)).
std::string NvLinkTablePath();

/// \brief Reads a TableLink from a capability file (attempt times from \p optics);
/// std::invalid_argument naming the file and the problem when it is missing or malformed.
TableLink LoadTableLink(const std::string& path, const OpticalParameters& optics = {});

} // namespace planet

#endif // QUANTUM_LINK_H
