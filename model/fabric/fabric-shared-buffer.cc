// SPDX-License-Identifier: GPL-2.0-only

#include "fabric-shared-buffer.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace planet
{

void
SharedBufferConfig::Validate() const
{
    if (bufferBytes == 0)
    {
        throw std::invalid_argument("parameter 'switchBufferBytes': must be positive");
    }
    if (!(alpha >= 0) || !std::isfinite(alpha))
    {
        throw std::invalid_argument("parameter 'dtAlpha': must be a finite number >= 0");
    }
    if (!(pfcAlpha > 0) || !std::isfinite(pfcAlpha))
    {
        throw std::invalid_argument("parameter 'pfcAlpha': must be a finite number > 0");
    }
}

SharedBuffer::SharedBuffer(const SharedBufferConfig& config, std::vector<uint64_t> headroom)
    : m_config(config),
      m_headroom(std::move(headroom))
{
    m_config.Validate();
    const std::size_t queues = m_headroom.size() * kPriorities;
    uint64_t lossless = 0;
    for (uint32_t p = 0; p < kPriorities; ++p)
    {
        lossless += IsLossless(static_cast<uint8_t>(p)) ? 1 : 0;
    }
    uint64_t set = m_config.reservedBytes * queues;
    for (uint64_t h : m_headroom)
    {
        set += h * lossless;
    }
    if (set >= m_config.bufferBytes)
    {
        throw std::invalid_argument(
            "parameter 'switchBufferBytes': " + std::to_string(m_config.bufferBytes) +
            " B leave no shared pool after the reserve and the headroom (" + std::to_string(set) +
            " B for " + std::to_string(m_headroom.size()) + " ports)");
    }
    m_sharedPool = m_config.bufferBytes - set;
    m_egressReserved.assign(queues, 0);
    m_egressShared.assign(queues, 0);
    m_egressBytes.assign(queues, 0);
    m_ingressShared.assign(queues, 0);
    m_ingressHeadroom.assign(queues, 0);
}

std::size_t
SharedBuffer::Index(uint32_t port, uint8_t priority) const
{
    return static_cast<std::size_t>(port) * kPriorities + priority;
}

bool
SharedBuffer::IsLossless(uint8_t priority) const
{
    return ((m_config.losslessMask >> priority) & 1) != 0;
}

uint64_t
SharedBuffer::EgressThreshold() const
{
    return static_cast<uint64_t>(m_config.alpha * static_cast<double>(m_sharedPool - m_sharedUsed));
}

uint64_t
SharedBuffer::XoffThreshold() const
{
    if (m_config.xoffBytes > 0)
    {
        return m_config.xoffBytes;
    }
    return static_cast<uint64_t>(m_config.pfcAlpha *
                                 static_cast<double>(m_sharedPool - m_sharedUsed));
}

BufferPool
SharedBuffer::Admit(uint32_t in, uint32_t out, uint8_t priority, uint64_t bytes)
{
    const std::size_t e = Index(out, priority);
    const std::size_t i = Index(in, priority);
    BufferPool pool = BufferPool::Dropped;
    if (m_egressReserved[e] + bytes <= m_config.reservedBytes)
    {
        pool = BufferPool::Reserved;
        m_egressReserved[e] += bytes;
    }
    else if (m_sharedUsed + bytes <= m_sharedPool &&
             (IsLossless(priority) ? m_ingressShared[i] + bytes <= XoffThreshold()
                                   : m_egressShared[e] + bytes <= EgressThreshold()))
    {
        pool = BufferPool::Shared;
        m_sharedUsed += bytes;
        m_egressShared[e] += bytes;
        m_ingressShared[i] += bytes;
    }
    else if (IsLossless(priority) && m_ingressHeadroom[i] + bytes <= m_headroom[in])
    {
        pool = BufferPool::Headroom;
        m_ingressHeadroom[i] += bytes;
    }
    else
    {
        return BufferPool::Dropped;
    }
    m_egressBytes[e] += bytes;
    m_occupancy += bytes;
    return pool;
}

void
SharedBuffer::Release(uint32_t in, uint32_t out, uint8_t priority, uint64_t bytes, BufferPool pool)
{
    const std::size_t e = Index(out, priority);
    const std::size_t i = Index(in, priority);
    switch (pool)
    {
    case BufferPool::Reserved:
        m_egressReserved[e] -= bytes;
        break;
    case BufferPool::Shared:
        m_sharedUsed -= bytes;
        m_egressShared[e] -= bytes;
        m_ingressShared[i] -= bytes;
        break;
    case BufferPool::Headroom:
        m_ingressHeadroom[i] -= bytes;
        break;
    case BufferPool::Dropped:
        return;
    }
    m_egressBytes[e] -= bytes;
    m_occupancy -= bytes;
}

bool
SharedBuffer::ShouldPause(uint32_t in, uint8_t priority) const
{
    const std::size_t i = Index(in, priority);
    return IsLossless(priority) &&
           (m_ingressHeadroom[i] > 0 || m_ingressShared[i] >= XoffThreshold());
}

bool
SharedBuffer::ShouldResume(uint32_t in, uint8_t priority) const
{
    const std::size_t i = Index(in, priority);
    return m_ingressHeadroom[i] == 0 &&
           (m_ingressShared[i] == 0 ||
            m_ingressShared[i] + m_config.xonOffsetBytes <= XoffThreshold());
}

uint64_t
SharedBuffer::Occupancy() const
{
    return m_occupancy;
}

uint64_t
SharedBuffer::BufferBytes() const
{
    return m_config.bufferBytes;
}

uint64_t
SharedBuffer::SharedPoolBytes() const
{
    return m_sharedPool;
}

uint64_t
SharedBuffer::SharedUsed() const
{
    return m_sharedUsed;
}

uint64_t
SharedBuffer::QueueBytes(uint32_t out, uint8_t priority) const
{
    return m_egressBytes[Index(out, priority)];
}

uint64_t
SharedBuffer::HeadroomUsed(uint32_t in, uint8_t priority) const
{
    return m_ingressHeadroom[Index(in, priority)];
}

uint64_t
SharedBuffer::Headroom(uint32_t port) const
{
    return m_headroom[port];
}

uint32_t
SharedBuffer::Ports() const
{
    return static_cast<uint32_t>(m_headroom.size());
}

} // namespace planet
