/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "quantum-rcpsp-psplib.h"

#include "ns3/input-file.h"

#include <algorithm>
#include <climits>
#include <sstream>
#include <stdexcept>

namespace planet
{

namespace
{

/// Lines of a file with their numbers, read front to back.
class LineReader
{
  public:
    LineReader(std::istream& in, std::string source)
        : m_source(std::move(source))
    {
        std::string line;
        while (std::getline(in, line))
        {
            if (!line.empty() && line.back() == '\r')
            {
                line.pop_back();
            }
            m_lines.push_back(line);
        }
    }

    /// Number of lines of the file.
    std::size_t Lines() const
    {
        return m_lines.size();
    }

    [[noreturn]] void Fail(const std::string& problem) const
    {
        throw std::invalid_argument(m_source + ":" + std::to_string(m_next) + ": " + problem);
    }

    /// Advance to the line that starts with `prefix` (after blanks); returns the rest of it.
    std::string Find(const std::string& prefix)
    {
        while (m_next < m_lines.size())
        {
            const std::string& line = m_lines[m_next++];
            const auto first = line.find_first_not_of(" \t");
            if (first != std::string::npos && line.compare(first, prefix.size(), prefix) == 0)
            {
                return line.substr(first + prefix.size());
            }
        }
        Fail("missing '" + prefix + "'");
    }

    /// The first field after the ':' of the next line starting with `key` (a count, with an
    /// optional unit after it: "- renewable : 4 R").
    long FindCount(const std::string& key)
    {
        std::string rest = Find(key);
        const auto colon = rest.find(':');
        if (colon == std::string::npos)
        {
            Fail("expected ':' after '" + key + "'");
        }
        std::istringstream fields(rest.substr(colon + 1));
        std::string first;
        fields >> first;
        auto values = Integers(first, 1, "'" + key + "'");
        if (values[0] < 0)
        {
            Fail("negative value for '" + key + "'");
        }
        return values[0];
    }

    /// The next line (the line after the last one returned).
    std::string Next(const std::string& expected)
    {
        if (m_next >= m_lines.size())
        {
            Fail("unexpected end of file, expected " + expected);
        }
        return m_lines[m_next++];
    }

    /// Exactly `count` integers separated by blanks, else an error about `what`.
    std::vector<long> Integers(const std::string& text, std::size_t count, const std::string& what)
    {
        std::istringstream in(text);
        std::vector<long> values;
        std::string token;
        while (in >> token)
        {
            std::size_t used = 0;
            long value = 0;
            try
            {
                value = std::stol(token, &used);
            }
            catch (const std::exception&)
            {
                used = 0;
            }
            if (used != token.size())
            {
                Fail("'" + token + "' is not an integer in " + what);
            }
            values.push_back(value);
        }
        if (values.size() != count)
        {
            Fail("expected " + std::to_string(count) + " integers in " + what + ", found " +
                 std::to_string(values.size()));
        }
        return values;
    }

  private:
    std::string m_source;
    std::vector<std::string> m_lines;
    std::size_t m_next{0}; //!< index of the next line = number of the last line read
};

/// Rest of `line` after its first `fields` blank-separated fields.
std::string
AfterFields(const std::string& line, std::size_t fields)
{
    std::istringstream in(line);
    std::string token;
    for (std::size_t i = 0; i < fields; ++i)
    {
        in >> token;
    }
    std::string rest;
    std::getline(in, rest);
    return rest;
}

} // namespace

RcpspInstance
ReadPsplibSm(std::istream& in, const std::string& source)
{
    LineReader reader(in, source);
    RcpspInstance instance;
    const auto slash = source.find_last_of('/');
    instance.name = slash == std::string::npos ? source : source.substr(slash + 1);

    const long jobs = reader.FindCount("jobs (incl. supersource/sink )");
    const long renewable = reader.FindCount("- renewable");
    if (reader.FindCount("- nonrenewable") != 0 || reader.FindCount("- doubly constrained") != 0)
    {
        reader.Fail("only renewable resources are supported (single-mode RCPSP)");
    }
    if (jobs < 1)
    {
        reader.Fail("at least one job expected");
    }
    // Declared counts against what the file can hold: a job takes a precedence row and a
    // request row, a resource a number on the availabilities line.
    if (static_cast<unsigned long>(jobs) > std::min(reader.Lines() / 2, kRcpspMaxActivities))
    {
        reader.Fail("declares " + std::to_string(jobs) + " jobs, but the file has " +
                    std::to_string(reader.Lines()) + " lines (2 per job) and at most " +
                    std::to_string(kRcpspMaxActivities) + " jobs (kRcpspMaxActivities) are read");
    }
    if (static_cast<unsigned long>(renewable) > kPsplibMaxResources)
    {
        reader.Fail("declares " + std::to_string(renewable) + " resources, more than " +
                    std::to_string(kPsplibMaxResources) + " (kPsplibMaxResources)");
    }
    instance.activities.resize(jobs);
    instance.capacity.resize(renewable);

    reader.Find("PRECEDENCE RELATIONS:");
    reader.Find("jobnr.");
    for (long j = 0; j < jobs; ++j)
    {
        const std::string line = reader.Next("a precedence row");
        std::istringstream head(line);
        long number = 0;
        long modes = 0;
        long count = 0;
        if (!(head >> number >> modes >> count))
        {
            reader.Fail("expected 'jobnr. #modes #successors successors...'");
        }
        if (number != j + 1)
        {
            reader.Fail("expected job " + std::to_string(j + 1) + ", found " +
                        std::to_string(number));
        }
        if (modes != 1)
        {
            reader.Fail("job " + std::to_string(number) + " has " + std::to_string(modes) +
                        " modes (single-mode format: 1)");
        }
        if (count < 0)
        {
            reader.Fail("negative successor count");
        }
        for (long s : reader.Integers(AfterFields(line, 3), count, "the successors"))
        {
            if (s < 1 || s > jobs || s == number)
            {
                reader.Fail("successor " + std::to_string(s) + " out of range (allowed: 1.." +
                            std::to_string(jobs) + ", not the job itself)");
            }
            instance.activities[j].successors.push_back(s - 1);
        }
        instance.activities[j].name = std::to_string(number);
    }

    reader.Find("REQUESTS/DURATIONS:");
    reader.Find("jobnr.");
    reader.Find("---");
    for (long j = 0; j < jobs; ++j)
    {
        auto row = reader.Integers(reader.Next("a request row"), 3 + renewable, "a request row");
        if (row[0] != j + 1 || row[1] != 1)
        {
            reader.Fail("expected job " + std::to_string(j + 1) + " mode 1");
        }
        if (row[2] < 0)
        {
            reader.Fail("negative duration");
        }
        if (row[2] > kRcpspMaxHorizon)
        {
            reader.Fail("duration " + std::to_string(row[2]) + " is more than " +
                        std::to_string(kRcpspMaxHorizon) + " (kRcpspMaxHorizon)");
        }
        RcpspActivity& a = instance.activities[j];
        a.duration = row[2];
        for (long k = 0; k < renewable; ++k)
        {
            if (row[3 + k] < 0 || row[3 + k] > INT_MAX)
            {
                reader.Fail("request " + std::to_string(row[3 + k]) + " is not in [0, " +
                            std::to_string(INT_MAX) + "]");
            }
            a.demand.push_back(static_cast<int>(row[3 + k]));
        }
    }

    reader.Find("RESOURCEAVAILABILITIES:");
    reader.Next("the resource names");
    auto capacity =
        reader.Integers(reader.Next("the availabilities"), renewable, "the availabilities");
    for (long k = 0; k < renewable; ++k)
    {
        if (capacity[k] < 0 || capacity[k] > INT_MAX)
        {
            reader.Fail("availability " + std::to_string(capacity[k]) + " is not in [0, " +
                        std::to_string(INT_MAX) + "]");
        }
        instance.capacity[k] = static_cast<int>(capacity[k]);
    }
    try
    {
        instance.Check();
    }
    catch (const std::invalid_argument& e)
    {
        throw std::invalid_argument(source + ": " + e.what());
    }
    return instance;
}

RcpspInstance
LoadPsplibSm(const std::string& path)
{
    std::istringstream in(ReadInputFile("PSPLIB file", path));
    return ReadPsplibSm(in, path);
}

std::map<std::pair<int, int>, std::vector<RcpspTime>>
LoadPsplibTable(const std::string& path)
{
    std::istringstream in(ReadInputFile("PSPLIB table", path));
    std::map<std::pair<int, int>, std::vector<RcpspTime>> table;
    std::string line;
    while (std::getline(in, line))
    {
        std::istringstream row(line);
        std::vector<RcpspTime> numbers;
        std::string token;
        while (row >> token && token.find_first_not_of("0123456789") == std::string::npos &&
               token.size() <= 18)
        {
            numbers.push_back(std::stoll(token));
        }
        if (numbers.size() >= 3 && numbers[0] <= INT_MAX && numbers[1] <= INT_MAX)
        {
            table[{static_cast<int>(numbers[0]), static_cast<int>(numbers[1])}] =
                std::vector<RcpspTime>(numbers.begin() + 2, numbers.end());
        }
    }
    if (table.empty())
    {
        throw std::invalid_argument("PSPLIB table " + path + " has no row of results");
    }
    return table;
}

} // namespace planet
