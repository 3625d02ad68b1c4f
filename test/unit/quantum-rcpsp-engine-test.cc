/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The RCPSP engine: validator, resource profile, schedule generation schemes, justification and
// the methods, on PSPLIB samples and on random instances with release times, deadlines and
// reservations.

#include "ns3/quantum-rcpsp-methods.h"
#include "ns3/quantum-rcpsp-psplib.h"
#include "ns3/quantum-rcpsp-sgs.h"

#include <gtest/gtest.h>
#include <random>
#include <stdexcept>
#include <string>

namespace
{

using namespace planet;

const std::string kSamples = PLANET_DATA_DIR "/../test/unit/data/psplib/";

/// Joined validator output, for failure messages.
std::string
Problems(const RcpspInstance& instance, const RcpspSchedule& schedule, bool deadlines = true)
{
    std::string text;
    for (const std::string& p : ValidateRcpspSchedule(instance, schedule, deadlines))
    {
        text += p + "\n";
    }
    return text;
}

/**
 * A random instance: forward precedences, 1..3 resources, and optionally release times,
 * deadlines (not necessarily feasible) and reservations.
 */
RcpspInstance
RandomInstance(uint64_t seed, std::size_t n, bool extras)
{
    std::mt19937_64 rng(seed);
    auto uniform = [&rng](int lo, int hi) {
        return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    RcpspInstance instance;
    instance.name = "random-" + std::to_string(seed);
    const int resources = uniform(1, 3);
    for (int k = 0; k < resources; ++k)
    {
        instance.capacity.push_back(uniform(1, 6));
    }
    instance.activities.resize(n);
    for (std::size_t j = 0; j < n; ++j)
    {
        RcpspActivity& a = instance.activities[j];
        a.name = "t" + std::to_string(j);
        a.duration = uniform(0, 9);
        for (int k = 0; k < resources; ++k)
        {
            a.demand.push_back(uniform(0, instance.capacity[k]));
        }
        for (std::size_t s = j + 1; s < n; ++s)
        {
            if (uniform(0, 99) < 12)
            {
                a.successors.push_back(s);
            }
        }
        if (extras)
        {
            a.release = uniform(0, 3) == 0 ? uniform(0, 30) : 0;
            a.deadline = uniform(0, 3) == 0 ? uniform(5, 60) : kRcpspNoDeadline;
        }
    }
    if (extras)
    {
        for (int r = 0; r < 3; ++r)
        {
            const std::size_t k = uniform(0, resources - 1);
            const RcpspTime start = uniform(0, 40);
            instance.reservations.push_back(
                {k, uniform(1, instance.capacity[k]), start, start + uniform(1, 10)});
        }
        // Overlapping reservations may exceed a capacity: keep the first that fit.
        while (true)
        {
            try
            {
                instance.Check();
                break;
            }
            catch (const std::invalid_argument&)
            {
                instance.reservations.pop_back();
            }
        }
    }
    instance.Check();
    return instance;
}

/// One resource of capacity 1, independent activities of the given durations.
RcpspInstance
SingleMachine(const std::vector<RcpspTime>& durations)
{
    RcpspInstance instance;
    instance.name = "machine";
    instance.capacity = {1};
    for (RcpspTime d : durations)
    {
        RcpspActivity a;
        a.duration = d;
        a.demand = {1};
        instance.activities.push_back(a);
    }
    return instance;
}

TEST(RcpspEngine, ValidatorReportsEveryKindOfViolation)
{
    RcpspInstance instance = SingleMachine({2, 3, 4});
    instance.activities[0].successors = {1};
    instance.activities[2].release = 5;
    instance.activities[2].deadline = 9;
    instance.reservations.push_back({0, 1, 12, 14});
    RcpspSchedule good{{0, 2, 5}};
    EXPECT_EQ(Problems(instance, good), "");
    EXPECT_EQ(good.Makespan(instance), 9);
    EXPECT_EQ(good.Lateness(instance), 0);

    RcpspSchedule early{{0, 1, 5}}; // successor before predecessor ends, and overlapping it
    auto problems = ValidateRcpspSchedule(instance, early);
    ASSERT_EQ(problems.size(), 2u) << Problems(instance, early);
    EXPECT_EQ(problems[0],
              "activity 1 starts at 1 before its predecessor activity 0 finishes at 2");
    EXPECT_EQ(problems[1], "resource 0 uses 2 > capacity 1 at time 1");

    RcpspSchedule released{{0, 6, 2}}; // activity 2 before its release
    problems = ValidateRcpspSchedule(instance, released);
    ASSERT_EQ(problems.size(), 1u) << Problems(instance, released);
    EXPECT_EQ(problems[0], "activity 2 starts at 2 before its release time 5");

    RcpspSchedule late{{0, 2, 10}}; // deadline missed and the reservation overlapped
    problems = ValidateRcpspSchedule(instance, late);
    ASSERT_EQ(problems.size(), 2u) << Problems(instance, late);
    EXPECT_EQ(problems[0], "activity 2 finishes at 14 after its deadline 9");
    EXPECT_EQ(problems[1], "resource 0 uses 2 > capacity 1 at time 12");
    EXPECT_EQ(late.Lateness(instance), 5);
    EXPECT_EQ(ValidateRcpspSchedule(instance, late, false).size(), 1u);

    EXPECT_EQ(ValidateRcpspSchedule(instance, RcpspSchedule{{0, 2}}).size(), 1u);
}

TEST(RcpspEngine, ProfileFindsTheEarliestGap)
{
    RcpspResourceProfile profile({2, 1});
    profile.Reset({{1, 1, 10, 20}});
    const int both[] = {1, 1};
    const int first[] = {2, 0};
    EXPECT_EQ(profile.EarliestFit(0, 5, both), 0);
    EXPECT_EQ(profile.EarliestFit(6, 5, both), 20); // [6, 11) meets the reservation
    profile.Book(0, 4, first);
    EXPECT_EQ(profile.EarliestFit(0, 3, both), 4);
    EXPECT_EQ(profile.EarliestFit(0, 7, both), 20);
    EXPECT_EQ(profile.EarliestFit(0, 6, both), 4);
    EXPECT_EQ(profile.EarliestFit(2, 0, both), 2); // a milestone takes nothing
    EXPECT_FALSE(profile.Fits(3, 2, first));
    EXPECT_TRUE(profile.Fits(4, 100, first));
    EXPECT_EQ(profile.NextChange(4), 10);
    EXPECT_EQ(profile.NextChange(20), kRcpspNoDeadline);
}

TEST(RcpspEngine, SerialAndParallelSchemesDecodeAsDefined)
{
    // One machine: 0 (3), 1 (2) -> 2 (1) with 2 also released at 1.
    RcpspInstance instance = SingleMachine({3, 2, 1});
    instance.activities[1].successors = {2};
    auto serial = CreateRcpspScheduleGenerator("serial", instance);
    EXPECT_EQ(serial->Decode({1, 2, 0}).start, (std::vector<RcpspTime>{3, 0, 2}));
    EXPECT_EQ(serial->Decode({0, 1, 2}).start, (std::vector<RcpspTime>{0, 3, 5}));
    // Two resources where a serial schedule is active but delays: 0 needs both units for 4,
    // 1 one unit for 2 and must follow nothing; 2 one unit for 6.
    RcpspInstance two;
    two.capacity = {2};
    two.activities = {{"a", 4, {2}, {}, 0, kRcpspNoDeadline},
                      {"b", 2, {1}, {}, 0, kRcpspNoDeadline},
                      {"c", 6, {1}, {}, 0, kRcpspNoDeadline}};
    // Serial, list (c, a, b): c at 0, a after c at 6, b fills at 0.
    EXPECT_EQ(CreateRcpspScheduleGenerator("serial", two)->Decode({2, 0, 1}).start,
              (std::vector<RcpspTime>{6, 0, 0}));
    // Parallel, list (a, b, c): a takes both units at 0, then b and c together at 4.
    EXPECT_EQ(CreateRcpspScheduleGenerator("parallel", two)->Decode({0, 1, 2}).start,
              (std::vector<RcpspTime>{0, 4, 4}));
    auto parallel = CreateRcpspScheduleGenerator("parallel", two);
    parallel->Decode({2, 0, 1});
    EXPECT_EQ(parallel->GetGenerated(), 1u);
}

TEST(RcpspEngine, JustificationNeverLengthensPlainSchedules)
{
    for (uint64_t seed = 1; seed <= 20; ++seed)
    {
        const RcpspInstance instance = RandomInstance(seed, 25, false);
        std::mt19937_64 rng(seed);
        auto priorities = RcpspPriorities(instance, "random", rng);
        auto generator = CreateRcpspScheduleGenerator("serial", instance);
        const RcpspSchedule schedule =
            generator->Decode(RcpspActivityList(instance, priorities, &rng));
        const RcpspSchedule justified = generator->Justify(schedule);
        EXPECT_EQ(Problems(instance, justified), "") << instance.name;
        EXPECT_LE(justified.Makespan(instance), schedule.Makespan(instance)) << instance.name;
        EXPECT_EQ(generator->GetGenerated(), 3u);
    }
}

TEST(RcpspEngine, EveryDecodedAndJustifiedScheduleIsValid)
{
    // Both schemes on random lists of instances with release times, deadlines and reservations:
    // every schedule respects releases, precedences, capacities and reservations (deadlines are
    // targets), and every generated schedule is counted.
    for (uint64_t seed = 1; seed <= 10; ++seed)
    {
        const RcpspInstance instance = RandomInstance(200 + seed, 30, true);
        std::mt19937_64 rng(seed);
        const auto priorities = RcpspPriorities(instance, "random", rng);
        for (const std::string& name : RcpspScheduleGeneratorNames())
        {
            auto generator = CreateRcpspScheduleGenerator(name, instance);
            for (int draw = 0; draw < 20; ++draw)
            {
                const RcpspSchedule schedule =
                    generator->Decode(RcpspActivityList(instance, priorities, &rng));
                EXPECT_EQ(Problems(instance, schedule, false), "") << instance.name << " " << name;
                const RcpspSchedule justified = generator->Justify(schedule);
                EXPECT_EQ(Problems(instance, justified, false), "") << instance.name << " " << name;
            }
            EXPECT_EQ(generator->GetGenerated(), 60u);
        }
    }
}

TEST(RcpspEngine, EveryMethodSchemeAndRuleGivesValidSchedules)
{
    std::vector<RcpspInstance> instances{LoadPsplibSm(kSamples + "j301_1.sm"),
                                         LoadPsplibSm(kSamples + "j3013_1.sm")};
    for (uint64_t seed = 1; seed <= 4; ++seed)
    {
        instances.push_back(RandomInstance(seed, 20, false));
        instances.push_back(RandomInstance(100 + seed, 20, true));
    }
    for (const RcpspInstance& instance : instances)
    {
        const RcpspTime bound = RcpspCriticalPathBound(instance);
        for (const std::string& method : RcpspMethodNames())
        {
            for (const std::string& generator : RcpspScheduleGeneratorNames())
            {
                for (const std::string& rule : RcpspPriorityRuleNames())
                {
                    for (bool justify : {false, true})
                    {
                        RcpspOptions options;
                        options.generator = generator;
                        options.rule = rule;
                        options.justify = justify;
                        options.schedules = 40;
                        const std::string what = instance.name + " " + method + " " + generator +
                                                 " " + rule + " " + std::to_string(justify);
                        const RcpspResult result = SolveRcpsp(instance, method, options);
                        EXPECT_EQ(Problems(instance, result.schedule, false), "") << what;
                        EXPECT_EQ(result.makespan, result.schedule.Makespan(instance)) << what;
                        EXPECT_EQ(result.lateness, result.schedule.Lateness(instance)) << what;
                        EXPECT_EQ(result.lowerBound, bound) << what;
                        EXPECT_GE(result.makespan, bound) << what;
                        EXPECT_GE(result.schedules, 1u) << what;
                        EXPECT_LE(result.schedules, options.schedules) << what;
                    }
                }
            }
        }
    }
}

TEST(RcpspEngine, SearchMethodsImproveOnTheSinglePass)
{
    const RcpspInstance instance = LoadPsplibSm(kSamples + "j3013_1.sm");
    RcpspOptions options;
    options.justify = false;
    const RcpspTime single = SolveRcpsp(instance, "priority", options).makespan;
    options.schedules = 300;
    const RcpspTime sampled = SolveRcpsp(instance, "sampling", options).makespan;
    const RcpspTime genetic = SolveRcpsp(instance, "genetic", options).makespan;
    EXPECT_LE(sampled, single);
    EXPECT_LT(genetic, single);
}

TEST(RcpspEngine, GeneticReachesKnownOptima)
{
    // Optima from PSPLIB j30opt.sm (j601_1: best known 77 = its critical path, so optimal).
    // The single priority-rule pass misses the first two.
    const std::vector<std::pair<std::string, RcpspTime>> optima{{"j301_1.sm", 43},
                                                                {"j3045_3.sm", 92},
                                                                {"j601_1.sm", 77}};
    for (const auto& [file, optimum] : optima)
    {
        const RcpspInstance instance = LoadPsplibSm(kSamples + file);
        for (uint64_t seed : {1, 2})
        {
            RcpspOptions options;
            options.seed = seed;
            const RcpspResult result = SolveRcpsp(instance, "genetic", options);
            EXPECT_EQ(Problems(instance, result.schedule), "") << file;
            EXPECT_EQ(result.makespan, optimum) << file << " seed " << seed;
        }
    }
    for (const std::string file : {"j301_1.sm", "j3045_3.sm"})
    {
        const RcpspInstance instance = LoadPsplibSm(kSamples + file);
        EXPECT_GT(SolveRcpsp(instance, "priority", RcpspOptions{}).makespan,
                  SolveRcpsp(instance, "genetic", RcpspOptions{}).makespan)
            << file;
    }
}

TEST(RcpspEngine, KnownLowerBoundIsNeverBeaten)
{
    // j1201_1: lower bound 104 (Schutt et al.), best known 105; critical path 99.
    const RcpspInstance instance = LoadPsplibSm(kSamples + "j1201_1.sm");
    for (const std::string& method : RcpspMethodNames())
    {
        RcpspOptions options;
        options.schedules = 200;
        const RcpspResult result = SolveRcpsp(instance, method, options);
        EXPECT_EQ(Problems(instance, result.schedule), "") << method;
        EXPECT_GE(result.makespan, 104) << method;
        EXPECT_EQ(result.lowerBound, 99) << method;
    }
}

TEST(RcpspEngine, DeadlinesSteerThePriorities)
{
    // Earliest deadline first on one machine meets all three deadlines; index order does not.
    RcpspInstance instance = SingleMachine({2, 2, 2});
    instance.activities[0].deadline = 6;
    instance.activities[1].deadline = 2;
    instance.activities[2].deadline = 4;
    RcpspOptions options;
    const RcpspResult result = SolveRcpsp(instance, "priority", options);
    EXPECT_EQ(result.lateness, 0);
    EXPECT_EQ(result.schedule.start, (std::vector<RcpspTime>{4, 0, 2}));
    EXPECT_EQ(Problems(instance, result.schedule), "");
}

TEST(RcpspEngine, ReservationsAndReleasesAreRespected)
{
    RcpspInstance instance = SingleMachine({3, 3});
    instance.activities[1].release = 2;
    instance.reservations.push_back({0, 1, 3, 7});
    for (const std::string& method : RcpspMethodNames())
    {
        for (const std::string& generator : RcpspScheduleGeneratorNames())
        {
            RcpspOptions options;
            options.generator = generator;
            const RcpspResult result = SolveRcpsp(instance, method, options);
            EXPECT_EQ(Problems(instance, result.schedule), "") << method << " " << generator;
            // Only one activity fits before the reservation; the other runs from 7.
            EXPECT_EQ(result.makespan, 10) << method << " " << generator;
        }
    }
}

TEST(RcpspEngine, SameSeedSameSchedule)
{
    const RcpspInstance instance = RandomInstance(7, 40, true);
    for (const char* method : {"sampling", "genetic"})
    {
        RcpspOptions options;
        options.schedules = 200;
        options.seed = 42;
        const RcpspResult a = SolveRcpsp(instance, method, options);
        const RcpspResult b = SolveRcpsp(instance, method, options);
        EXPECT_EQ(a.schedule.start, b.schedule.start) << method;
        EXPECT_EQ(a.schedules, b.schedules) << method;
    }
}

TEST(RcpspEngine, BadInputIsRejectedWithTheAllowedValues)
{
    const RcpspInstance instance = SingleMachine({1, 2});
    try
    {
        CreateRcpspMethod("tabu");
        FAIL() << "no exception";
    }
    catch (const std::invalid_argument& e)
    {
        EXPECT_EQ(std::string(e.what()),
                  "unknown RCPSP method 'tabu' (allowed: genetic, priority, sampling)");
    }
    RcpspOptions options;
    options.generator = "hybrid";
    EXPECT_THROW(SolveRcpsp(instance, "priority", options), std::invalid_argument);
    options = RcpspOptions{};
    options.rule = "fifo";
    try
    {
        SolveRcpsp(instance, "priority", options);
        FAIL() << "no exception";
    }
    catch (const std::invalid_argument& e)
    {
        EXPECT_EQ(std::string(e.what()),
                  "unknown RCPSP priority rule 'fifo' (allowed: est, grpw, lft, lst, mslk, mts, "
                  "random, spt)");
    }
    options = RcpspOptions{};
    options.schedules = 0;
    EXPECT_THROW(SolveRcpsp(instance, "priority", options), std::invalid_argument);

    RcpspInstance cyclic = SingleMachine({1, 1, 1});
    cyclic.activities[0].successors = {1};
    cyclic.activities[1].successors = {2};
    cyclic.activities[2].successors = {0};
    EXPECT_THROW(cyclic.Check(), std::invalid_argument);
    RcpspInstance greedy = SingleMachine({1});
    greedy.activities[0].demand = {2};
    EXPECT_THROW(greedy.Check(), std::invalid_argument);
    RcpspInstance reserved = SingleMachine({1});
    reserved.reservations = {{0, 1, 0, 5}, {0, 1, 4, 6}};
    EXPECT_THROW(reserved.Check(), std::invalid_argument);
    RcpspInstance missing = SingleMachine({1});
    missing.activities[0].demand.clear();
    EXPECT_THROW(SolveRcpsp(missing, "genetic", RcpspOptions{}), std::invalid_argument);
}

} // namespace
