// Unit tests of the text path: block splitting, features, the forest format, the built-in model and input sniffing.
#include <catch2/catch.hpp>
#include <string>

#include "text/forest.h"
#include "text/blocks.h"
#include "text/features.h"
#include "text/model.h"
#include "winnow/clean.h"

using namespace winnow::clean;

TEST_CASE("split_text_blocks: one block per non-blank line", "[text]") {
  const auto blocks = split_text_blocks("Title\n\nFirst line.\r\n\r\nSecond line.\n  \nLast");
  REQUIRE(blocks.size() == 4);
  CHECK(blocks[0].text == "Title");
  CHECK(blocks[1].text == "First line.");
  CHECK(blocks[1].first_line == 3);
  CHECK(blocks[2].text == "Second line.");
  CHECK(blocks[2].first_line == 5);
  CHECK(blocks[3].text == "Last");
  CHECK(split_text_blocks("").empty());
  CHECK(split_text_blocks("\n \n\t\n").empty());
}

TEST_CASE("split_text_blocks: hard-wrapped paragraphs become one block each", "[text]") {
  const std::string text =
      "The first paragraph is wrapped\nover two lines.\n\nThe second one\nis wrapped too.\n\nShort.\n";
  const auto blocks = split_text_blocks(text);
  REQUIRE(blocks.size() == 3);
  CHECK(blocks[0].text == "The first paragraph is wrapped\nover two lines.");
  CHECK(blocks[1].first_line == 4);
  CHECK(blocks[2].text == "Short.");
}

TEST_CASE("text features see sentences, calls to action and repeats", "[text]") {
  const std::string text =
      "Share on Facebook\n"
      "The mayor said on Monday that the bridge would reopen in May, after two years of repairs.\n"
      "Share on Facebook\n";
  const auto features = text_block_features(split_text_blocks(text));
  REQUIRE(features.size() == 3);
  CHECK(features[1][kEndsSentence] == 1.0f);
  CHECK(features[0][kEndsSentence] == 0.0f);
  CHECK(features[0][kActionWords] > 0.3f);
  CHECK(features[1][kStopWords] > features[0][kStopWords]);
  CHECK(features[0][kRepeats] > 0.0f);
  CHECK(features[1][kRepeats] == 0.0f);
  CHECK(features[1][kInsideCore] == 1.0f);
}

TEST_CASE("forest text format round-trips and rejects malformed trees", "[text]") {
  Forest forest;
  forest.feature_count = 2;
  forest.base = -0.5f;
  forest.trees.push_back({{1, 0.5f, 1, 2, 0.0f}, {-1, 0, -1, -1, -1.0f}, {-1, 0, -1, -1, 2.0f}});
  forest.trees.push_back({{-1, 0, -1, -1, 0.25f}});
  forest.compile();
  const float low[2] = {9.0f, 0.1f}, high[2] = {9.0f, 0.9f};
  CHECK(forest.score(low) == Approx(-0.5f - 1.0f + 0.25f));
  CHECK(forest.score(high) == Approx(-0.5f + 2.0f + 0.25f));

  std::size_t pos = 0;
  const std::string text = write_forest(forest);
  auto read = read_forest(text, pos);
  REQUIRE(read.ok());
  CHECK(read.value().score(low) == Approx(forest.score(low)));
  CHECK(read.value().score(high) == Approx(forest.score(high)));

  float shares[2] = {0, 0};
  forest.add_contributions(high, shares);
  CHECK(shares[0] == 0.0f);
  CHECK(shares[1] == Approx(2.0f));

  pos = 0;
  CHECK_FALSE(read_forest("forest 2 1 0\ntree 1\n0 0.5 0 0 1\n", pos).ok());  // child points to itself
  pos = 0;
  CHECK_FALSE(read_forest("forest 2 1 0\ntree 3\n5 0.5 1 2 0\n-1 0 -1 -1 1\n-1 0 -1 -1 1\n", pos).ok());
  pos = 0;
  CHECK_FALSE(read_forest("nonsense", pos).ok());
  CHECK_FALSE(read_text_model("winnow-text-model 1\nthreshold 0\nforest 3 0 0\nforest 15 0 0\n").ok());
}

TEST_CASE("the built-in text model loads and separates prose from chrome", "[text]") {
  auto model = builtin_text_model();
  REQUIRE(model.ok());
  CHECK(model.value()->blocks.trees.size() > 10);
  CHECK(model.value()->context.trees.size() > 10);
}

TEST_CASE("a model trained on other features fails to load, loudly", "[text]") {
  auto model = builtin_text_model();
  REQUIRE(model.ok());
  const std::string text = write_text_model(*model.value());
  REQUIRE(read_text_model(text).ok());  // what is written reads back
  const std::string signature = text_feature_signature();
  REQUIRE(signature.size() == 16);
  const std::size_t at = text.find("features " + signature);
  REQUIRE(at != std::string::npos);
  std::string other = text;
  other[at + 9] = signature[0] == '0' ? '1' : '0';  // as if the feature list had changed
  auto loaded = read_text_model(other);
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.error().message.find("trained with other features") != std::string::npos);
  CHECK(loaded.error().message.find("bench/train-text") != std::string::npos);
  std::string unsigned_model = text;
  unsigned_model.erase(at, signature.size() + 10);  // a model from before signatures
  CHECK_FALSE(read_text_model(unsigned_model).ok());
}

TEST_CASE("clean_text keeps the article lines of a made-up text and finds its title", "[text]") {
  std::string text = "Home\nNews\nSport\nWeather\nSign in\n";
  text += "Harbour town votes to ban cars from its old quarter\n";
  const char* sentences[] = {
      "The council of the harbour town voted on Tuesday to close the streets of its old quarter to cars from next spring, after a debate that lasted most of the evening.",
      "Shop owners had warned that deliveries would become harder, but the council agreed to allow vans in the early morning before the streets fill with visitors.",
      "The mayor said that the town had grown around its harbour long before anyone drove a car, and that the old streets were never built for them.",
      "Residents will be given permits for the two car parks on the edge of the quarter, and a small electric bus will run every twenty minutes during the day.",
      "A first survey found that most residents supported the plan, although several families living near the market said they would wait to see how it works.",
  };
  for (const char* s : sentences) text += std::string(s) + "\n";
  text += "Share this article\nFollow us on Instagram\nPrivacy policy\nCookie settings\n";
  auto cleaned = clean_text(text);
  REQUIRE(cleaned.ok());
  const std::string kept = cleaned.value().kept_text();
  for (const char* s : sentences) CHECK(kept.find(s) != std::string::npos);
  CHECK(kept.find("Sign in") == std::string::npos);
  CHECK(kept.find("Cookie settings") == std::string::npos);
  CHECK(kept.find("Follow us") == std::string::npos);
  CHECK(cleaned.value().article.metadata.title == "Harbour town votes to ban cars from its old quarter");
  CHECK(cleaned.value().article.blocks.size() == 5);
  CHECK(cleaned.value().verdicts.size() == 15);
  CHECK_FALSE(cleaned.value().paragraphs);
}

TEST_CASE("clean_text fails clearly on empty and binary input", "[text]") {
  CHECK(clean_text("").error().kind == winnow::ErrorKind::kInvalidInput);
  CHECK(clean_text(std::string(100, '\0')).error().message.find("binary") != std::string::npos);
  Options small;
  small.max_input_bytes = 10;
  CHECK(clean_text("a long enough line of text\n", small).error().kind == winnow::ErrorKind::kTooLarge);
}

TEST_CASE("sniff_input_kind tells HTML from text", "[text]") {
  CHECK(sniff_input_kind("<!DOCTYPE html><html><body>x</body></html>") == InputKind::kHtml);
  CHECK(sniff_input_kind("\xEF\xBB\xBF  <html>") == InputKind::kHtml);
  CHECK(sniff_input_kind("<div>hello</div>") == InputKind::kHtml);
  CHECK(sniff_input_kind("Saved page\n<html lang=en>\n") == InputKind::kHtml);
  CHECK(sniff_input_kind("A headline\nThe story says 3 < 4 and more.\n") == InputKind::kText);
  CHECK(sniff_input_kind("") == InputKind::kText);
}
