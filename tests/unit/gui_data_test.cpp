// The pure parts of the GUI's data side (header-only, free of ImGui): which folders and files
// look like data sets, the synthetic size fields → spec, the recent list's rules and file form,
// the split form ↔ --split text, and the log-binned activity histograms.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "app/gui/state/activity_histogram.h"
#include "app/gui/state/dataset_browsing.h"
#include "core/load/load.h"
#include "app/gui/state/recent_list.h"
#include "app/gui/state/split_form.h"
#include "core/data/input_error.h"
#include "core/synth/synthetic_world.h"

namespace ll::gui {
namespace {

TEST(GuiDataBrowsing, FoldersWithARatingsFileAreDataSets) {
  EXPECT_EQ(folderDatasetFormat({"u.item", "u.data", "u1.base"}), "ml-100k");
  EXPECT_EQ(folderDatasetFormat({"movies.dat", "ratings.dat", "users.dat"}), "ml-1m");
  EXPECT_EQ(folderDatasetFormat({"links.csv", "movies.csv", "ratings.csv", "tags.csv"}), "ml-latest");
  EXPECT_EQ(folderDatasetFormat({"movies.dat", "ratings.dat.gz"}), "ml-1m");  // offered as ratings.dat
  EXPECT_EQ(folderDatasetFormat({"u.data", "ratings.csv"}), "ml-100k");       // the loader's preference
  EXPECT_TRUE(folderLooksLikeDataset({"u.data"}));
  EXPECT_FALSE(folderLooksLikeDataset({}));
  EXPECT_FALSE(folderLooksLikeDataset({"README.md", "ratings.txt", "u.data.bak", "my-ratings.csv"}));
}

TEST(GuiDataBrowsing, ArchivesAreMarkedPlainFilesAreNot) {
  EXPECT_TRUE(fileLooksLikeDataset("ml-100k.zip"));
  EXPECT_TRUE(fileLooksLikeDataset("ML-1M.ZIP"));
  EXPECT_TRUE(fileLooksLikeDataset("ratings.csv.gz"));
  EXPECT_FALSE(fileLooksLikeDataset("ratings.csv"));
  EXPECT_FALSE(fileLooksLikeDataset("notes.gzip"));
  EXPECT_FALSE(fileLooksLikeDataset("zip"));
}

TEST(GuiDataBrowsing, ListingsPutFoldersFirstThenNamesIgnoringCase) {
  std::vector<BrowserEntry> entries = {
      {"b.zip", false, true, "", 0}, {"ml-1m", true, true, "", 0}, {"Archives", true, false, "", 0},
      {"a.txt", false, false, "", 0}, {"ML-25M", true, true, "", 0}, {"B.csv", false, false, "", 0}};
  sortEntries(entries);
  std::vector<std::string> names;
  for (const BrowserEntry& e : entries) names.push_back(e.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Archives", "ml-1m", "ML-25M", "a.txt", "B.csv", "b.zip"}));
  EXPECT_TRUE(isHiddenName(".cache"));
  EXPECT_FALSE(isHiddenName("cache"));
}

TEST(GuiDataSynthetic, DefaultsGivePlainSyntheticAndZerosAreLeftOut) {
  EXPECT_EQ(syntheticSpec({}), "synthetic");
  EXPECT_EQ(syntheticSpec({0, 0, 250000, 1}), "synthetic:seed=1,ratings=250000");
  EXPECT_EQ(syntheticSpec({2000, 3000, 250000, 7}), "synthetic:seed=7,users=2000,movies=3000,ratings=250000");
  EXPECT_EQ(syntheticSpec({0, 0, 100000, 9}), "synthetic:seed=9,ratings=100000");
  EXPECT_TRUE(isSyntheticSpec("synthetic"));
  EXPECT_TRUE(isSyntheticSpec("synthetic:seed=2"));
  EXPECT_FALSE(isSyntheticSpec("synthetic-data/"));
}

TEST(GuiDataSynthetic, TheCoreReadsBackWhatTheFieldsSay) {
  const SyntheticParams p = parseSyntheticSpec(syntheticSpec({2000, 3000, 250000, 7}));
  EXPECT_EQ(p.users, 2000);
  EXPECT_EQ(p.movies, 3000);
  EXPECT_EQ(p.ratings, 250000);
  EXPECT_EQ(p.seed, 7u);
  // Impossible sizes are the core's to refuse; the dialog shows its message.
  EXPECT_THROW(parseSyntheticSpec(syntheticSpec({1000, 0, 100, 1})), InputError);
}

RecentDataset recent(const std::string& spec, int32_t minUser = 0) { return {spec, minUser, 0, "t"}; }

std::vector<std::string> specs(const std::vector<RecentDataset>& list) {
  std::vector<std::string> out;
  for (const RecentDataset& r : list) out.push_back(r.spec);
  return out;
}

TEST(GuiDataRecent, NewestFirstWithoutDuplicatesAtMostTen) {
  std::vector<RecentDataset> list;
  addRecent(list, recent("/data/ml-100k"));
  addRecent(list, recent("/data/ml-1m"));
  addRecent(list, recent("/data/ml-100k/", 5));  // same folder, trailing slash: moves up, new filter
  EXPECT_EQ(specs(list), (std::vector<std::string>{"/data/ml-100k", "/data/ml-1m"}));
  EXPECT_EQ(list.front().minUserRatings, 5);
  addRecent(list, recent("/data/./ml-1m"));
  EXPECT_EQ(specs(list), (std::vector<std::string>{"/data/ml-1m", "/data/ml-100k"}));
  for (int k = 0; k < 12; ++k) addRecent(list, recent("/data/set" + std::to_string(k)));
  ASSERT_EQ(list.size(), kMaxRecentDatasets);
  EXPECT_EQ(list.front().spec, "/data/set11");
  EXPECT_EQ(list.back().spec, "/data/set2");
}

TEST(GuiDataRecent, JsonRoundTripsAndToleratesDamage) {
  std::vector<RecentDataset> list;
  addRecent(list, RecentDataset{"/data/ml-1m", 5, 10, "2024-05-01 14:03"});
  addRecent(list, recent("/data/ml-100k"));
  const std::vector<RecentDataset> back = recentFromJson(recentToJson(list));
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].spec, "/data/ml-100k");
  EXPECT_EQ(back[1].spec, "/data/ml-1m");
  EXPECT_EQ(back[1].minUserRatings, 5);
  EXPECT_EQ(back[1].minItemRatings, 10);
  EXPECT_EQ(back[1].opened, "2024-05-01 14:03");

  const nlohmann::json damaged = nlohmann::json::parse(R"({"format_version": 1, "datasets": [
      {"spec": "/a", "min_user_ratings": -3}, {"spec": 7}, {"nospec": true}, {"spec": ""},
      {"spec": "/b"}, {"spec": "/a/"}]})");
  const std::vector<RecentDataset> kept = recentFromJson(damaged);
  EXPECT_EQ(specs(kept), (std::vector<std::string>{"/a", "/b"}));  // first /a wins, its order kept
  EXPECT_EQ(kept[0].minUserRatings, 0);

  EXPECT_THROW(recentFromJson(nlohmann::json::parse(R"({"format_version": 99, "datasets": []})")), std::runtime_error);
  EXPECT_THROW(recentFromJson(nlohmann::json::parse(R"([1, 2])")), std::runtime_error);
}

TEST(GuiDataSplit, EveryFormRoundTripsThroughItsText) {
  const std::vector<std::string> texts = {"official:1", "official:5", "ua",        "ub",
                                          "kfold:5:2",  "kfold:10:10", "random:0.2", "users:0.1", "last"};
  for (const std::string& text : texts) {
    const std::optional<SplitForm> form = splitFormFromText(text);
    ASSERT_TRUE(form) << text;
    EXPECT_EQ(splitText(*form), text);
  }
  const std::optional<SplitForm> empty = splitFormFromText("");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->kind, SplitForm::Kind::Default);
  EXPECT_EQ(splitText(*empty), "");
  EXPECT_FALSE(splitFormFromText("kfold:5"));
  EXPECT_FALSE(splitFormFromText("random:1.5"));
  EXPECT_FALSE(splitFormFromText("bogus"));
}

TEST(GuiDataSplit, FieldsAreClampedSoTheTextAlwaysParses) {
  SplitForm form;
  form.kind = SplitForm::Kind::KFold;
  form.folds = 1;
  form.fold = 9;
  EXPECT_EQ(splitText(form), "kfold:2:2");
  form.kind = SplitForm::Kind::Random;
  form.fraction = 1.0;
  EXPECT_NO_THROW(parseSplitSpec(splitText(form)));
  form.kind = SplitForm::Kind::Users;
  form.fraction = 0.25;
  EXPECT_EQ(splitText(form), "users:0.25");
}

TEST(GuiDataSplit, KindsADataSetCannotMakeSayWhy) {
  const std::vector<std::string> ml100k = {"u1", "u2", "u3", "u4", "u5", "ua", "ub"};
  SplitForm official{SplitForm::Kind::Official, 3};
  EXPECT_EQ(splitUnavailableReason(official, ml100k, true), "");
  EXPECT_NE(splitUnavailableReason(official, {}, true), "");
  official.officialFold = 6;
  EXPECT_NE(splitUnavailableReason(official, ml100k, true), "");
  EXPECT_NE(splitUnavailableReason(SplitForm{SplitForm::Kind::Ua}, {"u1"}, true), "");
  EXPECT_NE(splitUnavailableReason(SplitForm{SplitForm::Kind::Last}, ml100k, false), "");
  EXPECT_EQ(splitUnavailableReason(SplitForm{SplitForm::Kind::Random}, {}, false), "");
}

TEST(GuiDataActivity, PowerOfTwoBinsCountEntities) {
  const ActivityHistogram h = activityHistogram({1, 1, 2, 3, 4, 7, 8, 20});
  EXPECT_EQ(h.lower, (std::vector<int64_t>{1, 2, 4, 8, 16}));
  EXPECT_EQ(h.upper, (std::vector<int64_t>{1, 3, 7, 15, 31}));
  EXPECT_EQ(h.entities, (std::vector<int64_t>{2, 2, 2, 1, 1}));
  EXPECT_EQ(h.labels, (std::vector<std::string>{"1", "2", "4", "8", "16"}));
  EXPECT_EQ(h.ranges.front(), "1 rating");
  EXPECT_EQ(h.ranges[1], "2–3 ratings");

  const ActivityHistogram zero = activityHistogram({0, 1, 5});
  EXPECT_EQ(zero.lower, (std::vector<int64_t>{0, 1, 2, 4}));
  EXPECT_EQ(zero.entities, (std::vector<int64_t>{1, 1, 0, 1}));  // empty bins kept: an even axis
  EXPECT_TRUE(activityHistogram({}).entities.empty());
  EXPECT_EQ(binLabel(1024), "1k");
  EXPECT_EQ(binLabel(65536), "64k");
  EXPECT_EQ(binLabel(1048576), "1M");
  EXPECT_EQ(binLabel(512), "512");
}

}  // namespace
}  // namespace ll::gui
