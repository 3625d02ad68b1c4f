/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef QUANTUM_RCPSP_PSPLIB_H
#define QUANTUM_RCPSP_PSPLIB_H

#include "quantum-rcpsp.h"

#include <istream>
#include <map>
#include <string>
#include <utility>
#include <vector>

/**
 * \file
 * \ingroup planet
 * Readers of PSPLIB (Kolisch & Sprecher 1997): single-mode instances (.sm) and the tables of
 * optimal, best known and lower-bound makespans (j30opt.sm, j60hrs.sm, j120lb.sm, ...).
 */

namespace planet
{

/// \brief Most renewable resources a PSPLIB file may declare.
constexpr std::size_t kPsplibMaxResources = std::size_t{1} << 16;

/**
 * \brief Parse a PSPLIB single-mode instance: jobs with durations, renewable resource requests
 * and successors, and the resource availabilities. Strict: sections in order, job numbers in
 * sequence, one mode per job, successor counts as announced, no non-renewable or doubly
 * constrained resources.
 * \param in the text
 * \param source the file name for the instance name and for error messages
 * \return the checked instance; activity names are the job numbers ("1" .. "n")
 * \throws std::invalid_argument "source:line: problem" on malformed input
 */
RcpspInstance ReadPsplibSm(std::istream& in, const std::string& source);

/**
 * \brief Read a PSPLIB single-mode instance file (ReadPsplibSm).
 * \throws std::invalid_argument when the file cannot be opened or is malformed
 */
RcpspInstance LoadPsplibSm(const std::string& path);

/**
 * \brief Read a PSPLIB result table: every row that starts with the parameter and instance
 * numbers, mapped to the integers that follow them (makespan; or upper and lower bound).
 * \param path e.g. data/psplib/j30opt.sm
 * \return (parameter, instance) -> integers of the row
 * \throws std::invalid_argument when the file cannot be opened or holds no row
 */
std::map<std::pair<int, int>, std::vector<RcpspTime>> LoadPsplibTable(const std::string& path);

} // namespace planet

#endif // QUANTUM_RCPSP_PSPLIB_H
