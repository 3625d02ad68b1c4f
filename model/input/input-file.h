// SPDX-License-Identifier: GPL-2.0-only

#ifndef INPUT_FILE_H
#define INPUT_FILE_H

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

/**
 * \file
 * \ingroup planet
 * Reading the files users hand to planet (traffic matrices, demand lists, topologies, device
 * and link tables, PSPLIB instances): only a readable regular file of bounded size is read,
 * and JSON is parsed with a bounded nesting depth, so that a directory, a FIFO, /dev/zero or a
 * deeply nested document gives an error naming the file, never an empty input, a hang or a
 * stack overflow. No ns-3 dependency.
 */

namespace planet
{

/// \brief The largest input file planet reads (1 GiB).
constexpr uint64_t kMaxInputFileBytes = uint64_t{1} << 30;

/// \brief The deepest nesting of arrays and objects planet accepts in a JSON input.
constexpr int kMaxJsonDepth = 64;

/**
 * \brief Read a whole input file.
 * \param what what the file is, for the message ("parameter 'matrix'", "GML file")
 * \param path the file
 * \return its bytes
 * \throws std::invalid_argument "what 'path': problem" when the path does not exist, is a
 * directory or another non-regular file, cannot be read, or is larger than kMaxInputFileBytes
 * or the memory budget
 */
std::string ReadInputFile(const std::string& what, const std::string& path);

/**
 * \brief Parse JSON text with at most kMaxJsonDepth levels of nesting.
 * \param what what the text is, for the message
 * \param source where it comes from (a file name)
 * \param text the text
 * \return the document
 * \throws std::invalid_argument "what 'source': problem" for malformed JSON, numbers out of
 * range and nesting deeper than kMaxJsonDepth
 */
nlohmann::json ParseJsonText(const std::string& what,
                             const std::string& source,
                             const std::string& text);

/// \brief ParseJsonText(what, path, ReadInputFile(what, path)).
nlohmann::json ReadJsonFile(const std::string& what, const std::string& path);

} // namespace planet

#endif /* INPUT_FILE_H */
