// SPDX-License-Identifier: GPL-2.0-only
// Fuzz target: the value types and functions the Python bindings expose, built from fuzzed
// numbers and used the way the bindings use them (validate, check indices, then call).
#include "fuzz-target.h"

#include "ns3/collective-algorithm.h"
#include "ns3/fabric-leaf-spine.h"
#include "ns3/quantum-periodic.h"
#include "ns3/quantum-rcpsp-sgs.h"

#include <cstring>

namespace
{

/// Numbers read from the input, zero once it is used up.
class Numbers
{
  public:
    explicit Numbers(const std::string& text)
        : m_text(text)
    {
    }

    uint64_t Next()
    {
        uint64_t v = 0;
        const std::size_t n =
            std::min<std::size_t>(8, m_text.size() - std::min(m_pos, m_text.size()));
        std::memcpy(&v, m_text.data() + m_pos, n);
        m_pos += n;
        // Mostly small values, sometimes huge ones.
        const unsigned shift = static_cast<unsigned>(v & 63);
        return (v >> 6) >> (shift < 40 ? 58 - shift % 20 : 0);
    }

    double Real()
    {
        const uint64_t bits = Next();
        double d;
        std::memcpy(&d, &bits, sizeof d);
        return bits % 3 == 0 ? d : static_cast<double>(bits % 1000) / 7.0;
    }

  private:
    const std::string& m_text;
    std::size_t m_pos{0};
};

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    return PlanetFuzz(data, size, [](const std::string& text) {
        Numbers n(text);
        planet::LeafSpineShape shape;
        shape.leaves = static_cast<uint32_t>(n.Next());
        shape.spines = static_cast<uint32_t>(n.Next());
        shape.hostsPerLeaf = static_cast<uint32_t>(n.Next());
        shape.parallelLinks = static_cast<uint32_t>(n.Next());
        shape.linkDelayS = n.Real();
        planet::WireFormat wire;
        wire.mtuBytes = static_cast<uint32_t>(n.Next());
        wire.overheadBytes = static_cast<uint32_t>(n.Next());
        try
        {
            shape.Validate();
            wire.Validate();
            const uint32_t host = static_cast<uint32_t>(n.Next());
            shape.CheckHost(host);
            shape.LeafOf(host);
            shape.LinkName(shape.HostUpLink(host));
            wire.WireBytes(n.Next());
            planet::ComputeIdealBound(shape, wire, {{host, 0, n.Next()}});
        }
        catch (const std::invalid_argument&)
        {
        }
        try
        {
            const auto algorithm =
                planet::MakeCollectiveAlgorithm(planet::CollectiveAlgorithmNames().at(n.Next() % 9),
                                                planet::CollectiveOptions{n.Next(), 0});
            algorithm->Expand(static_cast<uint32_t>(n.Next()), n.Next());
        }
        catch (const std::invalid_argument&)
        {
        }
        try
        {
            std::vector<planet::PeriodicJob> jobs(n.Next() % 4);
            for (auto& job : jobs)
            {
                job.period = static_cast<planet::RcpspTime>(n.Next());
            }
            planet::PeriodicSchedule::Instances(jobs);
        }
        catch (const std::invalid_argument&)
        {
        }
        planet::RcpspInstance instance;
        instance.capacity = {static_cast<int>(n.Next() % 5)};
        std::vector<std::size_t> list;
        for (uint64_t j = 0, count = n.Next() % 6; j < count; ++j)
        {
            planet::RcpspActivity a;
            a.duration = static_cast<planet::RcpspTime>(n.Next());
            a.demand = {static_cast<int>(n.Next() % 3)};
            a.successors = {static_cast<std::size_t>(n.Next() % 8)};
            instance.activities.push_back(a);
            list.push_back(static_cast<std::size_t>(n.Next() % 8));
        }
        instance.Check();
        planet::RcpspCheckActivityList(instance, list);
        planet::CreateRcpspScheduleGenerator("serial", instance)->Decode(list);
    });
}
