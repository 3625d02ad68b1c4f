// SPDX-License-Identifier: GPL-2.0-only

// A seeded mutational driver for planet's fuzz targets where libFuzzer is not linked in (the
// g++ build of `make test`): it reads the seed files (files or directories given as
// arguments), then runs -runs=N inputs made from them by random mutations (seeded by -seed=S):
// byte flips, insertions, deletions, repeated chunks (deep nesting, long lines), splices and
// numbers replaced by boundary values. The flags are libFuzzer's, so one command runs both.

#include <cstdint>
#include <cstdio>
#include <dirent.h>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace
{

void
AddSeeds(const std::string& path, std::vector<std::string>& seeds)
{
    struct stat info;
    if (stat(path.c_str(), &info) != 0)
    {
        return;
    }
    if (S_ISDIR(info.st_mode))
    {
        if (DIR* dir = opendir(path.c_str()))
        {
            while (const dirent* entry = readdir(dir))
            {
                if (entry->d_name[0] != '.')
                {
                    AddSeeds(path + "/" + entry->d_name, seeds);
                }
            }
            closedir(dir);
        }
        return;
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    seeds.push_back(text.str().substr(0, 1 << 16));
}

std::string
Mutate(std::string s, const std::vector<std::string>& seeds, std::mt19937_64& rng)
{
    static const std::vector<std::string> numbers{"0",
                                                  "-1",
                                                  "1e300",
                                                  "inf",
                                                  "nan",
                                                  "-0",
                                                  "4294967295",
                                                  "4294967296",
                                                  "18446744073709551615",
                                                  "9223372036854775807",
                                                  "99999999999999999999",
                                                  "1e-320",
                                                  "2147483648",
                                                  "[",
                                                  "{",
                                                  "]"};
    auto pick = [&rng](std::size_t n) { return n == 0 ? 0 : std::size_t(rng() % n); };
    for (int k = 1 + pick(4); k > 0; --k)
    {
        switch (pick(6))
        {
        case 0: // flip a byte
            if (!s.empty())
            {
                s[pick(s.size())] ^= static_cast<char>(1 << pick(8));
            }
            break;
        case 1: // insert a byte
            s.insert(s.begin() + pick(s.size() + 1), static_cast<char>(rng()));
            break;
        case 2: // delete a range
            if (!s.empty())
            {
                const std::size_t at = pick(s.size());
                s.erase(at, 1 + pick(std::min<std::size_t>(64, s.size() - at)));
            }
            break;
        case 3: { // repeat a chunk many times
            const std::size_t at = pick(s.size() + 1);
            const std::string chunk = s.substr(at, 1 + pick(8));
            std::string repeated;
            for (std::size_t r = 1 + pick(2000); r > 0 && repeated.size() < (1 << 16); --r)
            {
                repeated += chunk;
            }
            s.insert(at, repeated);
            break;
        }
        case 4: { // replace a number by a boundary value
            const std::size_t at = s.find_first_of("0123456789", pick(s.size() + 1));
            if (at != std::string::npos)
            {
                const std::size_t end = s.find_first_not_of("0123456789.eE-", at);
                s.replace(at,
                          end == std::string::npos ? std::string::npos : end - at,
                          numbers[pick(numbers.size())]);
            }
            break;
        }
        default: { // splice another seed
            const std::string& other = seeds[pick(seeds.size())];
            const std::size_t from = pick(other.size() + 1);
            s = s.substr(0, pick(s.size() + 1)) + other.substr(from, pick(other.size() - from + 1));
        }
        }
    }
    return s.substr(0, 1 << 17);
}

} // namespace

int
main(int argc, char** argv)
{
    uint64_t runs = 1000;
    uint64_t seed = 1;
    std::vector<std::string> seeds{""};
    for (int i = 1; i < argc; ++i)
    {
        const std::string arg = argv[i];
        if (arg.rfind("-runs=", 0) == 0)
        {
            runs = std::stoull(arg.substr(6));
        }
        else if (arg.rfind("-seed=", 0) == 0)
        {
            seed = std::stoull(arg.substr(6));
        }
        else if (arg[0] != '-')
        {
            AddSeeds(arg, seeds);
        }
    }
    std::mt19937_64 rng(seed);
    for (const std::string& s : seeds)
    {
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(s.data()), s.size());
    }
    for (uint64_t r = 0; r < runs; ++r)
    {
        const std::string input = Mutate(seeds[rng() % seeds.size()], seeds, rng);
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
    }
    std::cout << "planet fuzz driver: " << seeds.size() << " seeds, " << runs
              << " mutated inputs (seed " << seed << "), no finding" << std::endl;
    return 0;
}
