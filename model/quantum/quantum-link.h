/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_LINK_H
#define QUANTUM_LINK_H

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace planet
{

/// \brief One way of running a link: the fidelity of its heralded pairs and their rate.
struct LinkCapability
{
    double fidelity; //!< fidelity of a fresh heralded pair
    double rate_hz;  //!< expected pairs per second (1 / expected generation time)
};

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
 * the sampled range raises std::invalid_argument naming the range.
 */
class TableLink : public LinkModel
{
  public:
    /// \brief Table: distance in km -> capabilities (all rows of the same size).
    explicit TableLink(std::map<double, std::vector<LinkCapability>> table);
    std::string Name() const override;
    std::vector<LinkCapability> Capabilities(double length_km) const override;

  private:
    std::map<double, std::vector<LinkCapability>> m_table;
};

/// \brief Reads a TableLink from a capability file; std::invalid_argument naming the file and
/// the problem when it is missing or malformed.
TableLink LoadTableLink(const std::string& path);

} // namespace planet

#endif // QUANTUM_LINK_H
