/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The PSPLIB reader: known instances and tables, and clear errors on malformed input.

#include "ns3/quantum-rcpsp-psplib.h"

#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <stdexcept>
#include <string>

namespace
{

using namespace planet;

const std::string kSamples = PLANET_DATA_DIR "/../test/unit/data/psplib/";

std::string
ReadText(const std::string& path)
{
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// The error message of parsing `text` as file "bad.sm"; empty when it parses.
std::string
ParseError(const std::string& text)
{
    std::istringstream in(text);
    try
    {
        ReadPsplibSm(in, "bad.sm");
    }
    catch (const std::invalid_argument& e)
    {
        return e.what();
    }
    return "";
}

std::string
Replace(std::string text, const std::string& from, const std::string& to)
{
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return text.replace(at, from.size(), to);
}

TEST(RcpspPsplib, ReadsJ301_1)
{
    const RcpspInstance instance = LoadPsplibSm(kSamples + "j301_1.sm");
    EXPECT_EQ(instance.name, "j301_1.sm");
    ASSERT_EQ(instance.activities.size(), 32u);
    EXPECT_EQ(instance.capacity, (std::vector<int>{12, 13, 4, 12}));
    EXPECT_EQ(instance.activities[0].duration, 0);
    EXPECT_EQ(instance.activities[0].successors, (std::vector<std::size_t>{1, 2, 3}));
    EXPECT_EQ(instance.activities[1].duration, 8);
    EXPECT_EQ(instance.activities[1].demand, (std::vector<int>{4, 0, 0, 0}));
    EXPECT_EQ(instance.activities[1].successors, (std::vector<std::size_t>{5, 10, 14}));
    EXPECT_EQ(instance.activities[25].demand, (std::vector<int>{0, 0, 4, 0}));
    EXPECT_EQ(instance.activities[31].name, "32");
    EXPECT_TRUE(instance.activities[31].successors.empty());
    EXPECT_TRUE(instance.reservations.empty());
    // The file's MPM-Time is the critical path length.
    EXPECT_EQ(RcpspCriticalPathBound(instance), 38);
}

TEST(RcpspPsplib, ReadsLargerSets)
{
    const RcpspInstance j60 = LoadPsplibSm(kSamples + "j601_1.sm");
    EXPECT_EQ(j60.activities.size(), 62u);
    EXPECT_EQ(RcpspCriticalPathBound(j60), 77);
    const RcpspInstance j120 = LoadPsplibSm(kSamples + "j1201_1.sm");
    EXPECT_EQ(j120.activities.size(), 122u);
    EXPECT_EQ(j120.capacity.size(), 4u);
    EXPECT_EQ(RcpspCriticalPathBound(j120), 99);
}

TEST(RcpspPsplib, ReadsResultTables)
{
    const std::string data = PLANET_DATA_DIR "/psplib/";
    const auto opt = LoadPsplibTable(data + "j30opt.sm");
    EXPECT_EQ(opt.size(), 480u);
    EXPECT_EQ(opt.at({1, 1}), (std::vector<RcpspTime>{43}));
    EXPECT_EQ(opt.at({48, 10}), (std::vector<RcpspTime>{54}));
    EXPECT_EQ(LoadPsplibTable(data + "j60hrs.sm").at({1, 1}).front(), 77);
    EXPECT_EQ(LoadPsplibTable(data + "j120lb.sm").at({1, 1}), (std::vector<RcpspTime>{105, 104}));
    const auto j120 = LoadPsplibTable(data + "j120hrs.sm");
    EXPECT_EQ(j120.size(), 600u);
    EXPECT_EQ(j120.at({1, 1}).front(), 105);
}

TEST(RcpspPsplib, MalformedInputNamesFileAndLine)
{
    const std::string good = ReadText(kSamples + "j301_1.sm");
    ASSERT_EQ(ParseError(good), "");
    // Successor count 3 announced, 2 given (line 20: job 2).
    EXPECT_EQ(ParseError(Replace(good,
                                 "   2        1          3           6  11  15",
                                 "   2        1          3           6  11")),
              "bad.sm:20: expected 3 integers in the successors, found 2");
    // Jobs out of sequence.
    EXPECT_NE(ParseError(Replace(good,
                                 "  17        1          1          22",
                                 "  18        1          1          22"))
                  .find("bad.sm:35: expected job 17, found 18"),
              std::string::npos);
    // A successor outside the project.
    EXPECT_NE(ParseError(Replace(good,
                                 "  29        1          1          32",
                                 "  29        1          1          33"))
                  .find("bad.sm:47: successor 33 out of range"),
              std::string::npos);
    // A request that is not a number (line 59: job 5).
    EXPECT_EQ(ParseError(Replace(good, "  5      1     3       3", "  5      1     3       x")),
              "bad.sm:59: 'x' is not an integer in a request row");
    // A multi-mode job.
    EXPECT_NE(ParseError(Replace(good,
                                 "   5        1          1          20",
                                 "   5        2          1          20"))
                  .find("bad.sm:23: job 5 has 2 modes"),
              std::string::npos);
    // Non-renewable resources are not single-mode RCPSP.
    EXPECT_NE(ParseError(
                  Replace(good, "nonrenewable              :  0", "nonrenewable              :  2"))
                  .find("only renewable resources"),
              std::string::npos);
    // A request above the availability (job 3 asks 10 of R1; capacity 9): from the checker.
    EXPECT_NE(ParseError(Replace(good, "   12   13    4   12", "    9   13    4   12"))
                  .find("bad.sm: RCPSP instance bad.sm: activity 2 (3) demands 10 of resource 0"),
              std::string::npos);
    // Truncated file.
    EXPECT_NE(ParseError(good.substr(0, good.find("RESOURCEAVAILABILITIES")))
                  .find("missing 'RESOURCEAVAILABILITIES:'"),
              std::string::npos);
    EXPECT_THROW(LoadPsplibSm(kSamples + "no-such-file.sm"), std::invalid_argument);
    EXPECT_THROW(LoadPsplibTable(kSamples + "no-such-table.sm"), std::invalid_argument);
}

} // namespace
