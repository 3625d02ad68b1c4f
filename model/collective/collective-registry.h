// SPDX-License-Identifier: GPL-2.0-only

#ifndef COLLECTIVE_REGISTRY_H
#define COLLECTIVE_REGISTRY_H

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

/**
 * \file
 * \ingroup planet
 * A name -> factory table for the pluggable pure algorithms of the collective area (algorithms,
 * placements): unknown names are rejected with the parameter name and the allowed names.
 */

namespace planet
{

/**
 * \brief Factories of the implementations of Base, in registration order.
 * \tparam Base the interface
 * \tparam Options what every factory receives
 */
template <class Base, class Options>
class NamedRegistry
{
  public:
    /// Makes one implementation.
    using Factory = std::function<std::unique_ptr<Base>(const Options&)>;

    /// \param parameter the parameter whose values this registry names (for error messages)
    /// \param entries (name, factory) pairs
    NamedRegistry(std::string parameter, std::vector<std::pair<std::string, Factory>> entries)
        : m_parameter(std::move(parameter)),
          m_entries(std::move(entries))
    {
    }

    /// \brief Registered names, in registration order.
    std::vector<std::string> Names() const
    {
        std::vector<std::string> names;
        for (const auto& entry : m_entries)
        {
            names.push_back(entry.first);
        }
        return names;
    }

    /**
     * \brief Make the implementation registered under name.
     * \throws std::invalid_argument naming the parameter and listing the allowed names
     */
    std::unique_ptr<Base> Make(const std::string& name, const Options& options) const
    {
        for (const auto& entry : m_entries)
        {
            if (entry.first == name)
            {
                return entry.second(options);
            }
        }
        std::string allowed;
        for (const auto& entry : m_entries)
        {
            allowed += (allowed.empty() ? "" : ", ") + entry.first;
        }
        throw std::invalid_argument("parameter '" + m_parameter + "': unknown value '" + name +
                                    "'; allowed: " + allowed);
    }

  private:
    std::string m_parameter;                                //!< parameter named in errors
    std::vector<std::pair<std::string, Factory>> m_entries; //!< the table
};

} // namespace planet

#endif /* COLLECTIVE_REGISTRY_H */
