#include "core/model/user_side_features.h"

#include <algorithm>
#include <array>

namespace ll {
namespace {

struct AgeGroup {
  int32_t below;  // exclusive upper bound
  const char* name;
};
constexpr std::array<AgeGroup, 7> kAgeGroups = {{{18, "age <18"},
                                                 {25, "age 18-24"},
                                                 {35, "age 25-34"},
                                                 {45, "age 35-44"},
                                                 {50, "age 45-49"},
                                                 {56, "age 50-55"},
                                                 {1 << 30, "age 56+"}}};

}  // namespace

UserSideFeatures buildUserSideFeatures(const Dataset& dataset) {
  UserSideFeatures f;
  f.users = dataset.ratings.userCount;
  if (dataset.users.empty()) return f;
  std::vector<std::string> occupations;
  for (const UserInfo& u : dataset.users) {
    if (!u.occupation.empty()) occupations.push_back(u.occupation);
  }
  std::sort(occupations.begin(), occupations.end());
  occupations.erase(std::unique(occupations.begin(), occupations.end()), occupations.end());

  for (const AgeGroup& g : kAgeGroups) f.names.emplace_back(g.name);
  f.names.emplace_back("gender F");
  f.names.emplace_back("gender M");
  for (const auto& o : occupations) f.names.push_back("occupation " + o);
  f.count = static_cast<int32_t>(f.names.size());
  f.values.assign(static_cast<size_t>(f.users) * f.count, 0.0f);

  const int32_t genderColumn = static_cast<int32_t>(kAgeGroups.size());
  const int32_t occupationColumn = genderColumn + 2;
  const int32_t known = std::min<int32_t>(f.users, static_cast<int32_t>(dataset.users.size()));
  for (int32_t u = 0; u < known; ++u) {
    const UserInfo& info = dataset.users[u];
    float* row = f.values.data() + static_cast<size_t>(u) * f.count;
    if (info.age > 0) {
      for (size_t g = 0; g < kAgeGroups.size(); ++g) {
        if (info.age < kAgeGroups[g].below) {
          row[g] = 1.0f;
          break;
        }
      }
    }
    if (info.gender == 'F') row[genderColumn] = 1.0f;
    if (info.gender == 'M') row[genderColumn + 1] = 1.0f;
    const auto at = std::lower_bound(occupations.begin(), occupations.end(), info.occupation);
    if (!info.occupation.empty() && at != occupations.end() && *at == info.occupation) {
      row[occupationColumn + (at - occupations.begin())] = 1.0f;
    }
  }
  return f;
}

}  // namespace ll
