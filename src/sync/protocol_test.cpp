#include "sync/protocol.h"

#include <gtest/gtest.h>

namespace kasse::sync {
namespace {

TEST(SyncProtocolTest, BatchEmbedsEntriesVerbatim) {
  std::string batch = EncodeBatch({R"({"seq":1})", R"({"seq":2})"});
  EXPECT_EQ(batch, R"({"entries":[{"seq":1},{"seq":2}]})");
  Result<std::vector<std::string>> entries = DecodeBatch(batch);
  ASSERT_TRUE(entries.ok());
  EXPECT_EQ(*entries, (std::vector<std::string>{R"({"seq":1})", R"({"seq":2})"}));
}

TEST(SyncProtocolTest, MalformedBatchesAreRefused) {
  EXPECT_FALSE(DecodeBatch("{").ok());
  EXPECT_FALSE(DecodeBatch("[]").ok());
  EXPECT_FALSE(DecodeBatch(R"({"entries":{}})").ok());
  EXPECT_FALSE(DecodeBatch(R"({"entries":[],"x":1})").ok());
  std::string too_many = "{\"entries\":[";
  for (size_t i = 0; i <= kMaxBatchEntries; ++i) too_many += (i ? ",{}" : "{}");
  EXPECT_FALSE(DecodeBatch(too_many + "]}").ok());
}

TEST(SyncProtocolTest, AckRoundTripsAndRejectsNonsense) {
  Ack ack{41, {{40, "signature does not match"}}};
  Result<Ack> decoded = DecodeAck(EncodeAck(ack));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->acknowledged_seq, 41);
  ASSERT_EQ(decoded->quarantined.size(), 1u);
  EXPECT_EQ(decoded->quarantined[0].reason, "signature does not match");
  EXPECT_FALSE(DecodeAck(R"({"acknowledged_seq":-1})").ok());
  EXPECT_FALSE(DecodeAck(R"({"acknowledged_seq":"5"})").ok());
  EXPECT_FALSE(DecodeAck("<html>").ok());
}

TEST(SyncProtocolTest, GapNamesTheExpectedSeq) {
  EXPECT_EQ(ExpectedSeqOfGap(EncodeGap(17, "gap")), 17);
  EXPECT_FALSE(ExpectedSeqOfGap("{}").has_value());
  EXPECT_FALSE(ExpectedSeqOfGap(R"({"expected_seq":0})").has_value());
}

}  // namespace
}  // namespace kasse::sync
