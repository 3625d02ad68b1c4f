// SPDX-License-Identifier: GPL-2.0-only

#include "input-file.h"

#include "input-check.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <sys/stat.h>

namespace planet
{

std::string
ReadInputFile(const std::string& what, const std::string& path)
{
    const std::string where = what + " '" + path + "'";
    if (path.empty())
    {
        throw std::invalid_argument(what + ": no file given (empty path)");
    }
    struct stat info;
    if (stat(path.c_str(), &info) != 0)
    {
        throw std::invalid_argument(where + ": " + std::strerror(errno));
    }
    if (S_ISDIR(info.st_mode))
    {
        throw std::invalid_argument(where + ": is a directory, not a file");
    }
    if (!S_ISREG(info.st_mode))
    {
        throw std::invalid_argument(where + ": is not a regular file");
    }
    const auto size = static_cast<uint64_t>(info.st_size);
    if (size > kMaxInputFileBytes)
    {
        throw std::invalid_argument(where + ": " + std::to_string(size) +
                                    " bytes, more than the largest input file planet reads (" +
                                    std::to_string(kMaxInputFileBytes) + " bytes)");
    }
    // Parsed, a file takes a few times its size (tokens, lines, values).
    CheckMemoryBudget("reading " + where, SaturatingMul(size, 8));
    std::ifstream in(path, std::ios::binary);
    if (!in)
    {
        throw std::invalid_argument(where + ": cannot be read: " + std::strerror(errno));
    }
    std::string text(size, '\0');
    in.read(text.data(), static_cast<std::streamsize>(size));
    if (static_cast<uint64_t>(in.gcount()) != size)
    {
        throw std::invalid_argument(where + ": cannot be read (short read)");
    }
    return text;
}

nlohmann::json
ParseJsonText(const std::string& what, const std::string& source, const std::string& text)
{
    const std::string where = what + " '" + source + "'";
    // The callback sees the depth of every value before it is stored; parsing itself keeps its
    // own stack, so refusing deep documents here also keeps dump() and comparisons shallow.
    const auto limitDepth =
        [&where](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
            if (depth >= kMaxJsonDepth && (event == nlohmann::json::parse_event_t::object_start ||
                                           event == nlohmann::json::parse_event_t::array_start))
            {
                throw std::invalid_argument(where + ": JSON nested deeper than " +
                                            std::to_string(kMaxJsonDepth) + " levels");
            }
            return true;
        };
    try
    {
        return nlohmann::json::parse(text, limitDepth);
    }
    catch (const nlohmann::json::exception& e)
    {
        throw std::invalid_argument(where + ": malformed JSON: " + e.what());
    }
}

nlohmann::json
ReadJsonFile(const std::string& what, const std::string& path)
{
    return ParseJsonText(what, path, ReadInputFile(what, path));
}

} // namespace planet
