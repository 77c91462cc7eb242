#include "core/data/user_words.h"

#include <array>

#include "core/data/text/fields.h"

namespace ll {
namespace {

constexpr std::array<const char*, 7> kAgeGroupNames = {"<18", "18-24", "25-34", "35-44", "45-49", "50-55", "56+"};
// The first age of every group after the first.
constexpr std::array<int32_t, 6> kAgeGroupStarts = {18, 25, 35, 45, 50, 56};

bool isZipDigit(char c) { return c >= '0' && c <= '9'; }
bool isZipLetter(char c) { return c >= 'A' && c <= 'Z'; }

}  // namespace

int32_t ageGroupIndex(int32_t age) {
  if (age <= 0) return -1;
  int32_t group = 0;
  while (group < static_cast<int32_t>(kAgeGroupStarts.size()) && age >= kAgeGroupStarts[static_cast<size_t>(group)]) ++group;
  return group;
}

std::string ageGroup(int32_t age) {
  const int32_t g = ageGroupIndex(age);
  return g < 0 ? std::string() : std::string(kAgeGroupNames[static_cast<size_t>(g)]);
}

ZipWords zipWords(std::string_view zip) {
  std::string code(trim(zip));
  for (char& c : code) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  ZipWords words;
  if (code.empty()) return words;
  const bool us = code.size() >= 5 && isZipDigit(code[0]) && isZipDigit(code[1]) && isZipDigit(code[2]) &&
                  isZipDigit(code[3]) && isZipDigit(code[4]);
  const bool canadian = code.size() >= 3 && isZipLetter(code[0]) && isZipDigit(code[1]) && isZipLetter(code[2]);
  if (us || canadian) {
    words.region = code.substr(0, 1);
    words.area = code.substr(0, 3);
  } else {
    words.region = "other";
  }
  return words;
}

}  // namespace ll
