#include "core/data/column.h"

#include <gtest/gtest.h>

#include <memory>
#include <utility>
#include <vector>

namespace ll {
namespace {

// Memory a column views, with a flag that says when its owner let go of it.
struct ViewedValues {
  std::vector<int32_t> values{4, 5, 6};
  std::shared_ptr<bool> released = std::make_shared<bool>(false);

  Column<int32_t> view() {
    auto owner = std::shared_ptr<const void>(values.data(), [released = released](const void*) { *released = true; });
    return Column<int32_t>::viewOf(values, std::move(owner));
  }
};

TEST(DataColumn, AViewReadsTheViewedMemoryInPlace) {
  ViewedValues viewed;
  const Column<int32_t> column = viewed.view();
  EXPECT_TRUE(column.viewing());
  EXPECT_EQ(column.data(), viewed.values.data());
  EXPECT_EQ(column, (std::vector<int32_t>{4, 5, 6}));
}

TEST(DataColumn, CopiesShareTheViewAndKeepItsOwnerAlive) {
  ViewedValues viewed;
  Column<int32_t> copy;
  {
    const Column<int32_t> column = viewed.view();
    copy = column;
  }
  EXPECT_FALSE(*viewed.released);
  EXPECT_EQ(copy.data(), viewed.values.data());
  copy = Column<int32_t>{};
  EXPECT_TRUE(*viewed.released);
}

TEST(DataColumn, WritingAViewCopiesItFirstAndLeavesTheViewedMemoryAlone) {
  ViewedValues viewed;
  Column<int32_t> column = viewed.view();
  column[1] = 50;
  EXPECT_FALSE(column.viewing());
  EXPECT_EQ(column, (std::vector<int32_t>{4, 50, 6}));
  EXPECT_EQ(viewed.values, (std::vector<int32_t>{4, 5, 6}));
  EXPECT_TRUE(*viewed.released);  // the copy no longer needs it
  Column<int32_t> grown = viewed.view();
  grown.push_back(7);
  EXPECT_EQ(grown, (std::vector<int32_t>{4, 5, 6, 7}));
  EXPECT_EQ(viewed.values.size(), 3u);
}

TEST(DataColumn, OwnedColumnsCopyAndMoveTheirValues) {
  Column<float> owned = std::vector<float>{1.0f, 2.0f};
  Column<float> copy = owned;
  copy.edit()[0] = 9.0f;
  EXPECT_EQ(owned, (std::vector<float>{1.0f, 2.0f}));
  const float* buffer = owned.data();
  Column<float> moved = std::move(owned);
  EXPECT_EQ(moved.data(), buffer);
  EXPECT_EQ(moved, (std::vector<float>{1.0f, 2.0f}));
  EXPECT_TRUE(owned.empty());  // a moved-from column is left empty, not half of anything
  moved.resize(4);
  EXPECT_EQ(moved.size(), 4u);
  EXPECT_EQ(moved.span().size(), 4u);
}

}  // namespace
}  // namespace ll
