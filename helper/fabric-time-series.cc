// SPDX-License-Identifier: GPL-2.0-only

#include "fabric-time-series.h"

#include "fabric-leaf-spine-helper.h"

#include "ns3/rdma-stack.h"
#include "ns3/simulator.h"

#include <map>
#include <sstream>
#include <stdexcept>

namespace ns3
{

/// One traced queue: the interval being filled and the closed ones.
struct FabricTimeSeries::Queue
{
    std::string name;
    Ptr<FabricNetDevice> device;
    int64_t dt{1};
    int64_t bin{0};                                //!< the interval being filled
    int64_t last{0};                               //!< time step of the last change
    uint64_t value{0};                             //!< occupancy since then
    double integral{0};                            //!< byte x time steps in the interval so far
    uint64_t max{0};                               //!< largest occupancy in the interval so far
    std::vector<std::pair<double, uint64_t>> rows; //!< by closed interval: mean, max

    /// Bring the integral up to time step `now`, closing the intervals it passes.
    void Advance(int64_t now)
    {
        while (now >= (bin + 1) * dt)
        {
            const int64_t end = (bin + 1) * dt;
            integral += static_cast<double>(value) * static_cast<double>(end - last);
            rows.emplace_back(integral / static_cast<double>(dt), max);
            ++bin;
            last = end;
            integral = 0;
            max = value;
        }
        integral += static_cast<double>(value) * static_cast<double>(now - last);
        last = now;
    }

    void Changed(uint64_t, uint64_t bytes)
    {
        Advance(Simulator::Now().GetTimeStep());
        value = bytes;
        max = std::max(max, bytes);
    }
};

/// One rate series: bytes per interval.
struct FabricTimeSeries::Counter
{
    std::string name;
    std::string kind;
    Ptr<FabricNetDevice> device; //!< link_tx: the transmitter
    Ptr<RdmaStack> stack;        //!< host_rx: the stack
    int64_t dt{1};

    std::vector<double> bytes; //!< by interval

    /// Count b bytes in the interval of time step t.
    void Add(int64_t t, double b)
    {
        const auto k = static_cast<std::size_t>(t / dt);
        if (k >= bytes.size())
        {
            bytes.resize(k + 1, 0);
        }
        bytes[k] += b;
    }

    /// A packet on the wire from now for its serialisation time: its bytes shared among the
    /// intervals it spans, so that no interval shows more than the line rate.
    void Transmitted(Ptr<const Packet>, const FabricHeader& header)
    {
        const double wire = device->WireBytes(header.payload);
        const double steps = wire * 8 / static_cast<double>(device->GetDataRate().GetBitRate()) /
                             TimeStep(1).GetSeconds();
        const int64_t start = Simulator::Now().GetTimeStep();
        double t = static_cast<double>(start);
        const double end = t + steps;
        while (t < end)
        {
            const auto step = static_cast<int64_t>(t);
            const double next = std::min(end, static_cast<double>((step / dt + 1) * dt));
            Add(step, wire * (next - t) / steps);
            t = next;
        }
    }

    void Delivered(uint32_t, uint32_t, uint32_t, uint32_t payload)
    {
        Add(Simulator::Now().GetTimeStep(), payload);
    }
};

std::string
FabricTimeSeries::LinkName(const planet::LeafSpineShape& shape, uint32_t link)
{
    std::string name = shape.LinkName(link);
    const auto arrow = name.find("->");
    return name.replace(arrow, 2, "-");
}

std::vector<uint32_t>
FabricTimeSeries::ParseLinks(const planet::LeafSpineShape& shape, const std::string& spec)
{
    std::vector<uint32_t> links;
    if (spec.empty())
    {
        return links;
    }
    if (spec == "all" || spec == "fabric")
    {
        for (uint32_t i = 0; i < shape.LinkCount(); ++i)
        {
            const planet::LinkKind kind = shape.Link(i).kind;
            if (spec == "all" || kind == planet::LinkKind::LeafUp ||
                kind == planet::LinkKind::SpineDown)
            {
                links.push_back(i);
            }
        }
        return links;
    }
    std::map<std::string, uint32_t> byName;
    for (uint32_t i = 0; i < shape.LinkCount(); ++i)
    {
        byName.emplace(LinkName(shape, i), i);
    }
    std::istringstream in(spec);
    std::string name;
    while (std::getline(in, name, ','))
    {
        const auto it = byName.find(name);
        if (it == byName.end())
        {
            throw std::invalid_argument(
                "parameter 'traceQueues': no link '" + name +
                "' (all, fabric, or links as A-B with A, B in host<h>, leaf<l>, spine<s>" +
                (shape.parallelLinks > 1 ? std::string(" and spine<s>.<p> for parallel link p")
                                         : std::string()) +
                ", comma-separated; e.g. " + LinkName(shape, shape.LeafUpLink(0, 0)) + ")");
        }
        links.push_back(it->second);
    }
    return links;
}

FabricTimeSeries::FabricTimeSeries(const LeafSpineHelper& fabric,
                                   const std::vector<Ptr<RdmaStack>>& stacks,
                                   const std::vector<uint32_t>& links,
                                   bool queues,
                                   bool rates,
                                   Time interval)
    : m_shape(fabric.GetShape()),
      m_dt(interval.GetTimeStep())
{
    if (m_dt <= 0)
    {
        throw std::invalid_argument("parameter 'sampleInterval': must be positive (got " +
                                    std::to_string(interval.GetSeconds()) + " s)");
    }
    const int64_t now = Simulator::Now().GetTimeStep();
    for (const uint32_t link : links)
    {
        Ptr<FabricNetDevice> device = fabric.GetLinkDevice(link);
        if (queues)
        {
            auto q = std::make_unique<Queue>();
            q->name = LinkName(m_shape, link);
            q->device = device;
            q->dt = m_dt;
            q->bin = now / m_dt;
            q->last = now;
            q->value = device->GetQueueBytes();
            q->max = q->value;
            device->TraceConnectWithoutContext("QueueBytes",
                                               MakeCallback(&Queue::Changed, q.get()));
            m_queues.push_back(std::move(q));
        }
        if (rates)
        {
            auto c = std::make_unique<Counter>();
            c->name = LinkName(m_shape, link);
            c->kind = "link_tx";
            c->device = device;
            c->dt = m_dt;
            device->TraceConnectWithoutContext("Transmit",
                                               MakeCallback(&Counter::Transmitted, c.get()));
            m_rates.push_back(std::move(c));
        }
    }
    if (rates)
    {
        for (uint32_t h = 0; h < stacks.size(); ++h)
        {
            auto c = std::make_unique<Counter>();
            c->name = LeafSpineHelper::HostName(h);
            c->kind = "host_rx";
            c->stack = stacks[h];
            c->dt = m_dt;
            stacks[h]->TraceConnectWithoutContext("Deliver",
                                                  MakeCallback(&Counter::Delivered, c.get()));
            m_rates.push_back(std::move(c));
        }
    }
}

FabricTimeSeries::~FabricTimeSeries()
{
    for (const auto& q : m_queues)
    {
        q->device->TraceDisconnectWithoutContext("QueueBytes",
                                                 MakeCallback(&Queue::Changed, q.get()));
    }
    for (const auto& c : m_rates)
    {
        if (c->device)
        {
            c->device->TraceDisconnectWithoutContext("Transmit",
                                                     MakeCallback(&Counter::Transmitted, c.get()));
        }
        else
        {
            c->stack->TraceDisconnectWithoutContext("Deliver",
                                                    MakeCallback(&Counter::Delivered, c.get()));
        }
    }
}

void
FabricTimeSeries::Finish()
{
    const int64_t now = Simulator::Now().GetTimeStep();
    for (const auto& q : m_queues)
    {
        q->Advance(now);
        if (now > q->bin * m_dt) // the last interval, partly covered: its mean over that part
        {
            q->rows.emplace_back(q->integral / static_cast<double>(now - q->bin * m_dt), q->max);
            ++q->bin;
            q->last = q->bin * m_dt;
            q->integral = 0;
        }
    }
    // Every rate series covers the run, zeros included, and nothing after it (the tail of a
    // packet still on the wire when the run stopped).
    const auto intervals = static_cast<std::size_t>((now + m_dt - 1) / m_dt);
    for (const auto& c : m_rates)
    {
        c->bytes.resize(intervals, 0);
    }
}

void
FabricTimeSeries::WriteQueues(std::ostream& os) const
{
    const double dt = TimeStep(m_dt).GetSeconds();
    os << "time_s,link,mean_bytes,max_bytes\n";
    for (const auto& q : m_queues)
    {
        const int64_t first = q->bin - static_cast<int64_t>(q->rows.size());
        for (std::size_t k = 0; k < q->rows.size(); ++k)
        {
            os << static_cast<double>(first + static_cast<int64_t>(k)) * dt << "," << q->name << ","
               << q->rows[k].first << "," << q->rows[k].second << "\n";
        }
    }
}

void
FabricTimeSeries::WriteRates(std::ostream& os) const
{
    const double dt = TimeStep(m_dt).GetSeconds();
    const double end = Simulator::Now().GetSeconds();
    os << "time_s,series,kind,bps\n";
    for (const auto& c : m_rates)
    {
        for (std::size_t k = 0; k < c->bytes.size(); ++k)
        {
            const double start = static_cast<double>(k) * dt;
            // The last interval may be cut short by the end of the run.
            const double length = std::min(dt, end - start);
            os << start << "," << c->name << "," << c->kind << ","
               << (length > 0 ? c->bytes[k] * 8 / length : 0.0) << "\n";
        }
    }
}

} // namespace ns3
