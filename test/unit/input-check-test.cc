// SPDX-License-Identifier: GPL-2.0-only

// The validation layer: numbers, times, sizes, budgets and input files.

#include "ns3/input-check.h"
#include "ns3/input-file.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>
#include <limits>
#include <stdexcept>
#include <string>

using namespace planet;

namespace
{

/// The message of the std::invalid_argument that f throws ("" when it throws none).
template <class F>
std::string
Message(F f)
{
    try
    {
        f();
    }
    catch (const std::invalid_argument& e)
    {
        return e.what();
    }
    return "";
}

std::string
TempFile(const std::string& name, const std::string& text)
{
    const std::string path = ::testing::TempDir() + name;
    std::ofstream(path) << text;
    return path;
}

} // namespace

TEST(InputCheck, NumbersMustBeFiniteAndInRange)
{
    EXPECT_EQ(CheckFinite("x", 1.5), 1.5);
    for (double bad : {std::nan(""), std::numeric_limits<double>::infinity(), -HUGE_VAL})
    {
        EXPECT_NE(Message([&] { CheckFinite("rate", bad); }).find("parameter 'rate'"),
                  std::string::npos);
        EXPECT_NE(Message([&] { CheckPositive("rate", bad); }), "");
    }
    EXPECT_NE(Message([] { CheckPositive("rate", 0); }).find("positive"), std::string::npos);
    EXPECT_EQ(CheckInRange("p", 1, 0, 1), 1);
    EXPECT_NE(Message([] { CheckInRange("p", 1.0000001, 0, 1); }).find("[0, 1]"),
              std::string::npos);
}

TEST(InputCheck, TimesStayWithinNs3Range)
{
    EXPECT_EQ(CheckTimeS("linkDelay", kMaxTimeS), kMaxTimeS);
    EXPECT_EQ(CheckTimeS("linkDelay", 0), 0);
    for (double bad : {1e30, -1e-9, std::nan(""), kMaxTimeS * 1.0001})
    {
        EXPECT_NE(Message([&] { CheckTimeS("linkDelay", bad); }).find("'linkDelay'"),
                  std::string::npos)
            << bad;
    }
}

TEST(InputCheck, CountsNameTheirLimit)
{
    EXPECT_EQ(CheckCount("hosts", 5, 1, 10), 5u);
    const std::string m = Message([] { CheckCount("hosts", 11, 1, 10, "kMaxHosts"); });
    EXPECT_NE(m.find("parameter 'hosts'"), std::string::npos) << m;
    EXPECT_NE(m.find("kMaxHosts"), std::string::npos) << m;
    EXPECT_EQ(SaturatingMul(uint64_t{1} << 40, uint64_t{1} << 40), UINT64_MAX);
    EXPECT_EQ(SaturatingMul(3, 5), 15u);
    EXPECT_EQ(SaturatingAdd(UINT64_MAX, 1), UINT64_MAX);
}

TEST(InputCheck, MemoryBudgetRefusesWithTheEstimateAndTheFlag)
{
    EXPECT_GT(DefaultMemoryBudgetBytes(), uint64_t{64} << 20);
    const uint64_t before = MemoryBudgetBytes();
    {
        const ScopedBudgets budgets(uint64_t{10} << 20, 1000);
        EXPECT_EQ(MemoryBudgetBytes(), uint64_t{10} << 20);
        CheckMemoryBudget("a small thing", uint64_t{10} << 20);
        const std::string m = Message([] { CheckMemoryBudget("the graph", uint64_t{11} << 20); });
        EXPECT_NE(m.find("the graph would need about 11 MB"), std::string::npos) << m;
        EXPECT_NE(m.find("budget of 10 MB"), std::string::npos) << m;
        EXPECT_NE(m.find("--memoryBudget"), std::string::npos) << m;
        const std::string e = Message([] { CheckEventBudget("the run", 1001); });
        EXPECT_NE(e.find("--eventBudget"), std::string::npos) << e;
        const ScopedBudgets keep(0, 0); // 0 keeps what is in force
        EXPECT_EQ(MemoryBudgetBytes(), uint64_t{10} << 20);
        EXPECT_EQ(EventBudget(), 1000u);
    }
    EXPECT_EQ(MemoryBudgetBytes(), before);
    EXPECT_EQ(EventBudget(), DefaultEventBudget());
}

TEST(InputFile, OnlyReadableRegularFilesAreRead)
{
    const std::string path = TempFile("planet-input-regular.txt", "1 2 3\n");
    EXPECT_EQ(ReadInputFile("parameter 'matrix'", path), "1 2 3\n");
    const std::string dir = Message([] { ReadInputFile("parameter 'matrix'", "/tmp"); });
    EXPECT_EQ(dir, "parameter 'matrix' '/tmp': is a directory, not a file");
    EXPECT_NE(Message([] {
                  ReadInputFile("GML file", "/no/such/file.gml");
              }).find("GML file '/no/such/file.gml': No such file"),
              std::string::npos);
    EXPECT_NE(Message([] { ReadInputFile("GML file", "/dev/zero"); }).find("not a regular file"),
              std::string::npos);
    EXPECT_NE(Message([] { ReadInputFile("GML file", ""); }).find("no file given"),
              std::string::npos);
    std::remove(path.c_str());
}

TEST(InputFile, JsonIsParsedWithBoundedDepth)
{
    EXPECT_EQ(ParseJsonText("demands", "d.json", "[[1, 2], {\"a\": 3}]").size(), 2u);
    const std::string deep(kMaxJsonDepth + 1, '[');
    const std::string m = Message([&] { ParseJsonText("demands", "d.json", deep); });
    EXPECT_NE(m.find("nested deeper than 64"), std::string::npos) << m;
    const std::string ok =
        std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']'); // the limit itself
    EXPECT_NO_THROW(ParseJsonText("demands", "d.json", ok));
    EXPECT_NE(Message([] { ParseJsonText("demands", "d.json", "[1e400]"); }).find("malformed"),
              std::string::npos);
    EXPECT_NE(Message([] { ParseJsonText("demands", "d.json", "{\"a\": "); }).find("d.json"),
              std::string::npos);
}
