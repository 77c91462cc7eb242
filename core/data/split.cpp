#include "core/data/split.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <numeric>

#include "core/data/setting_error.h"
#include "core/util/random.h"

namespace ll {
namespace {

constexpr const char* kSplitForms = "official:K, ua, ub, kfold:K:I, random:F, random:F:V:R, users:F or last";

[[noreturn]] void badSplit(std::string_view text) { throw SettingError(Setting::Split, kSplitForms, "\"" + std::string(text) + "\""); }

int32_t parsePositiveInt(std::string_view text, std::string_view whole) {
  int32_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 1) badSplit(whole);
  return value;
}

double parseFraction(std::string_view text, std::string_view whole) {
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !(value > 0.0 && value < 1.0)) {
    throw SettingError(Setting::Split, "a fraction strictly between 0 and 1 in " + std::string(whole), std::string(text));
  }
  return value;
}

std::vector<uint32_t> complementOf(std::vector<uint32_t> test, size_t total) {
  std::sort(test.begin(), test.end());
  std::vector<uint32_t> rest;
  rest.reserve(total - std::min(total, test.size()));
  size_t cursor = 0;
  for (uint32_t k = 0; k < total; ++k) {
    if (cursor < test.size() && test[cursor] == k) {
      ++cursor;
    } else {
      rest.push_back(k);
    }
  }
  return rest;
}

std::string formatFraction(double value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%g", value);
  return text;
}

// A seeded permutation of 0..n-1.
std::vector<uint32_t> permutation(size_t n, Random& random) {
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  random.shuffle(order.begin(), order.end());
  return order;
}

// random:F:V:R — one permutation per repetition: its first round(nF) ratings are the test, the
// next round(nV) the validation, the rest the training ratings.
void splitWithOwnValidation(size_t n, const SplitSpec& spec, uint64_t seed, Split& split) {
  Random random = Random::derived(seed, 0x52330000u + static_cast<uint64_t>(spec.repetition));
  const auto order = permutation(n, random);
  const auto testEnd = static_cast<size_t>(static_cast<double>(n) * spec.fraction + 0.5);
  const auto validationEnd = std::min(n, testEnd + static_cast<size_t>(static_cast<double>(n) * spec.validation + 0.5));
  const auto part = [&](size_t begin, size_t end) {
    std::vector<uint32_t> ratings(order.begin() + static_cast<std::ptrdiff_t>(begin), order.begin() + static_cast<std::ptrdiff_t>(end));
    std::sort(ratings.begin(), ratings.end());
    return ratings;
  };
  split.test = part(0, testEnd);
  split.validation = part(testEnd, validationEnd);
  split.train = part(validationEnd, n);
}

}  // namespace

std::string SplitSpec::text() const {
  switch (kind) {
    case Kind::Official:
      return officialName.size() == 2 && officialName[0] == 'u' && officialName[1] >= '1' && officialName[1] <= '9'
                 ? "official:" + officialName.substr(1)
                 : officialName;
    case Kind::KFold: return "kfold:" + std::to_string(folds) + ":" + std::to_string(fold);
    case Kind::Random:
      return "random:" + formatFraction(fraction) +
             (validation > 0.0 ? ":" + formatFraction(validation) + ":" + std::to_string(repetition) : "");
    case Kind::Users: return "users:" + formatFraction(fraction);
    case Kind::Last: return "last";
  }
  return {};
}

SplitSpec parseSplitSpec(std::string_view text) {
  SplitSpec spec;
  const auto colon = text.find(':');
  const std::string_view head = text.substr(0, colon);
  const std::string_view rest = colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
  if (head == "ua" || head == "ub") {
    if (colon != std::string_view::npos) badSplit(text);
    spec.kind = SplitSpec::Kind::Official;
    spec.officialName = std::string(head);
  } else if (head == "official") {
    spec.kind = SplitSpec::Kind::Official;
    spec.officialName = "u" + std::to_string(parsePositiveInt(rest, text));
  } else if (head == "kfold") {
    const auto second = rest.find(':');
    if (second == std::string_view::npos) badSplit(text);
    spec.kind = SplitSpec::Kind::KFold;
    spec.folds = parsePositiveInt(rest.substr(0, second), text);
    spec.fold = parsePositiveInt(rest.substr(second + 1), text);
    if (spec.folds < 2 || spec.fold > spec.folds) {
      throw SettingError(Setting::Split, "kfold:K:I with K ≥ 2 and 1 ≤ I ≤ K", std::string(text));
    }
  } else if (head == "random") {
    spec.kind = SplitSpec::Kind::Random;
    const auto second = rest.find(':');
    spec.fraction = parseFraction(rest.substr(0, second), text);
    if (second != std::string_view::npos) {
      const std::string_view tail = rest.substr(second + 1);
      const auto third = tail.find(':');
      if (third == std::string_view::npos) badSplit(text);
      spec.validation = parseFraction(tail.substr(0, third), text);
      spec.repetition = parsePositiveInt(tail.substr(third + 1), text);
      if (spec.fraction + spec.validation >= 1.0) {
        throw SettingError(Setting::Split, "random:F:V:R with F + V below 1", std::string(text));
      }
    }
  } else if (head == "users") {
    spec.kind = SplitSpec::Kind::Users;
    spec.fraction = parseFraction(rest, text);
  } else if (head == "last") {
    if (colon != std::string_view::npos) badSplit(text);
    spec.kind = SplitSpec::Kind::Last;
  } else {
    badSplit(text);
  }
  return spec;
}

SplitSpec defaultSplitSpec(const Dataset& dataset) {
  if (dataset.officialTestSets.count("u1")) return parseSplitSpec("official:1");
  return parseSplitSpec("random:0.2");
}

Split makeSplit(const Dataset& dataset, const SplitSpec& spec, const SplitParams& params) {
  // Checked here as well as by the CLI: a checkpoint's split parameters come from a file.
  if (!(params.validationFraction >= 0.0 && params.validationFraction < 1.0)) {
    throw SettingError(Setting::ValidationFraction, "a validation fraction of at least 0 and below 1",
                     formatFraction(params.validationFraction));
  }
  const Ratings& r = dataset.ratings;
  const size_t n = r.size();
  Split split;
  split.name = spec.text();
  if (spec.kind == SplitSpec::Kind::Random && spec.validation > 0.0) {
    splitWithOwnValidation(n, spec, params.seed, split);
    return split;
  }
  std::vector<uint32_t> test;
  switch (spec.kind) {
    case SplitSpec::Kind::Official: {
      const auto found = dataset.officialTestSets.find(spec.officialName);
      if (found == dataset.officialTestSets.end()) {
        std::string available;
        for (const auto& [name, unused] : dataset.officialTestSets) available += (available.empty() ? "" : ", ") + name;
        throw SettingError(Setting::Split, "an official fold of this data set (" + (available.empty() ? "it has none" : available) + ")",
                         spec.officialName);
      }
      test = found->second;
      break;
    }
    case SplitSpec::Kind::KFold: {
      Random random = Random::derived(params.seed, 1);
      const auto order = permutation(n, random);
      const size_t begin = n * static_cast<size_t>(spec.fold - 1) / static_cast<size_t>(spec.folds);
      const size_t end = n * static_cast<size_t>(spec.fold) / static_cast<size_t>(spec.folds);
      test.assign(order.begin() + static_cast<std::ptrdiff_t>(begin), order.begin() + static_cast<std::ptrdiff_t>(end));
      break;
    }
    case SplitSpec::Kind::Random: {
      Random random = Random::derived(params.seed, 2);
      const auto order = permutation(n, random);
      const auto count = static_cast<size_t>(static_cast<double>(n) * spec.fraction + 0.5);
      test.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(count));
      break;
    }
    case SplitSpec::Kind::Users: {
      Random random = Random::derived(params.seed, 3);
      auto users = permutation(static_cast<size_t>(r.userCount), random);
      const auto count = std::max<size_t>(1, static_cast<size_t>(r.userCount * spec.fraction + 0.5));
      users.resize(std::min(count, users.size()));
      std::sort(users.begin(), users.end());
      for (uint32_t u : users) {
        split.heldOutUsers.push_back(static_cast<int32_t>(u));
        const auto rows = r.ofUser(static_cast<int32_t>(u));
        test.insert(test.end(), rows.begin(), rows.end());
      }
      break;
    }
    case SplitSpec::Kind::Last: {
      if (!r.hasTimestamps()) throw InputError(dataset.source, 0, "timestamps for --split last", "a data set without them");
      for (int32_t u = 0; u < r.userCount; ++u) {
        const auto rows = r.ofUser(u);
        if (rows.size() < 2) continue;  // a user's only rating stays in training
        uint32_t latest = rows[0];
        for (uint32_t k : rows) {
          if (r.timestamp[k] > r.timestamp[latest] || (r.timestamp[k] == r.timestamp[latest] && k > latest)) latest = k;
        }
        test.push_back(latest);
      }
      break;
    }
  }
  std::sort(test.begin(), test.end());
  std::vector<uint32_t> train = complementOf(test, n);

  Random random = Random::derived(params.seed, 4);
  auto order = permutation(train.size(), random);
  const auto validationCount = static_cast<size_t>(static_cast<double>(train.size()) * params.validationFraction);
  std::vector<char> isValidation(train.size(), 0);
  for (size_t k = 0; k < validationCount; ++k) isValidation[order[k]] = 1;
  for (size_t k = 0; k < train.size(); ++k) {
    (isValidation[k] ? split.validation : split.train).push_back(train[k]);
  }
  split.test = std::move(test);
  return split;
}

}  // namespace ll
