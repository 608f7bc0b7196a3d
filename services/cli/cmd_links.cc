// `streamlens links FILE|DIR...`: the linker offline, without Kafka. Reads
// feeds with loaders::ReadFeeds (Reuters SGML, NDJSON, text), links every
// news article against the catalog and writes one JSON object per article:
//   {"id", "linkId", "title", "entities": [{"id", "type", "name", "codes",
//    "salience", "spans"}], "relations": [...]}
// With --evaluate it scores the links against the articles' hand
// annotations (precision, recall, F1 per kind; docs/quality.md).
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <vector>

#include "services/cli/commands.h"
#include "services/common/config.h"
#include "services/common/json.h"
#include "services/ingest/loaders/feed.h"
#include "services/worker/links/catalog.h"
#include "services/worker/links/evaluation.h"
#include "services/worker/links/linker.h"

namespace streamlens::cli {
namespace {

std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  return out + "\"";
}

// One article's line: the link plus each entity's external codes, which the
// EntityLink record leaves to the catalog.
std::string ArticleJson(const v1::EntityLink& link, const links::EntityCatalog& catalog,
                        const v1::NewsEvent& article) {
  std::string out = "{\"id\":" + JsonString(link.article_id()) + ",\"linkId\":" + JsonString(link.id()) +
                    ",\"title\":" + JsonString(link.title()) + ",\"entities\":[";
  for (int i = 0; i < link.mentions_size(); ++i) {
    const auto& m = link.mentions(i);
    if (i > 0) out += ",";
    out += "{\"id\":" + JsonString(m.entity().id()) + ",\"type\":" + JsonString(v1::EntityType_Name(m.entity().type())) +
           ",\"name\":" + JsonString(m.entity().name()) + ",\"codes\":[";
    const v1::CatalogEntity* e = catalog.Find(m.entity().id());
    bool first = true;
    if (e != nullptr) {
      for (const auto& c : e->codes()) {
        out += (first ? "" : ",") + ToJsonLine(c);
        first = false;
      }
    } else {
      // A company known only from its ticker mark: the mark is its code.
      for (const auto& t : article.tickers()) {
        if ("company:" + t.symbol() == m.entity().id() || m.entity().name() == t.company_name()) {
          v1::ExternalCode c;
          c.set_scheme("ticker");
          c.set_value(t.symbol());
          out += (first ? "" : ",") + ToJsonLine(c);
          first = false;
          break;
        }
      }
    }
    char salience[32];
    std::snprintf(salience, sizeof salience, "%.3f", m.salience());
    out += std::string("],\"salience\":") + salience + ",\"spans\":[";
    for (int s = 0; s < m.spans_size(); ++s) out += (s > 0 ? "," : "") + ToJsonLine(m.spans(s));
    out += "]}";
  }
  out += "],\"relations\":[";
  for (int i = 0; i < link.relations_size(); ++i) out += (i > 0 ? "," : "") + ToJsonLine(link.relations(i));
  return out + "]}";
}

std::string JsonStrings(const google::protobuf::RepeatedPtrField<std::string>& values) {
  std::string out = "[";
  for (const auto& v : values) out += (out.size() > 1 ? "," : "") + JsonString(v);
  return out + "]";
}

// The `--features` line of an annotated article: its annotations, by
// salience kind, so that the trainer counts the tags the linker never found.
std::string AnnotationsJson(const v1::NewsEvent& article, const std::string& origin) {
  const auto& a = article.annotations();
  return "{\"article\":" + JsonString(article.id()) + ",\"origin\":" + JsonString(origin) +
         ",\"annotations\":{\"place\":" + JsonStrings(a.places()) + ",\"organisation\":" + JsonStrings(a.orgs()) +
         ",\"person\":" + JsonStrings(a.people()) + ",\"exchange\":" + JsonStrings(a.exchanges()) + "}}";
}

// One line of `--features`: what the salience model saw for one catalog
// entity of one article, its Reuters codes, and whether the annotators
// tagged it (null when that cannot be told). Read by
// scripts/train-salience.py.
std::string FeaturesJson(const v1::NewsEvent& article, const std::string& origin, const links::EntitySalience& s,
                         const links::EntityCatalog& catalog) {
  const v1::CatalogEntity* e = catalog.Find(s.entity_id);
  std::string codes = "[";
  if (e != nullptr) {
    for (const auto& c : e->codes()) {
      if (c.scheme() == "reuters21578") codes += (codes.size() > 1 ? "," : "") + JsonString(c.value());
    }
  }
  codes += "]";
  std::string out = "{\"article\":" + JsonString(article.id()) + ",\"origin\":" + JsonString(origin) +
                    ",\"entity\":" + JsonString(s.entity_id) + ",\"codes\":" + codes + ",\"kind\":\"" +
                    links::SalienceKindName(links::SalienceKindOf(e != nullptr ? e->type() : v1::ENTITY_TYPE_COMPANY)) +
                    "\",\"tagged\":";
  const std::optional<bool> tagged = e != nullptr ? links::Tagged(article, *e) : std::nullopt;
  out += !tagged ? "null" : *tagged ? "true" : "false";
  out += ",\"inputs\":{";
  const auto inputs = links::SalienceInputs(s.features, 0.0);
  const auto& names = links::SalienceInputNames();
  for (int i = 0; i < links::kSalienceInputs; ++i) {
    char value[32];
    std::snprintf(value, sizeof value, "%.6g", inputs[i]);
    out += (i > 0 ? ",\"" : "\"") + std::string(names[i]) + "\":" + value;
  }
  return out + "}}";
}

// "model" for the salience model's thresholds, "0.2" for every kind, or
// "places=0.3,people=0.1" (others 0).
bool ParseThresholds(const std::string& text, const links::SalienceModel& model,
                     std::array<double, links::kAnnotationKinds>* out) {
  out->fill(0.0);
  if (text.empty()) return true;
  if (text == "model") {
    // The annotation kinds and the salience kinds are in the same order.
    for (int k = 0; k < links::kAnnotationKinds; ++k) (*out)[k] = model.threshold(static_cast<links::SalienceKind>(k));
    return true;
  }
  if (text.find('=') == std::string::npos) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || *end != '\0') return false;
    out->fill(v);
    return true;
  }
  size_t pos = 0;
  while (pos < text.size()) {
    size_t comma = text.find(',', pos);
    if (comma == std::string::npos) comma = text.size();
    const std::string part = text.substr(pos, comma - pos);
    const size_t eq = part.find('=');
    if (eq == std::string::npos) return false;
    const std::string name = part.substr(0, eq);
    int kind = -1;
    for (int k = 0; k < links::kAnnotationKinds; ++k) {
      if (name == links::AnnotationKindName(static_cast<links::AnnotationKind>(k))) kind = k;
    }
    char* end = nullptr;
    const double v = std::strtod(part.c_str() + eq + 1, &end);
    if (kind < 0 || end == part.c_str() + eq + 1 || *end != '\0') return false;
    (*out)[kind] = v;
    pos = comma + 1;
  }
  return true;
}

}  // namespace

int RunLinks(const Args& args) {
  const std::vector<Option> flags = {
      {"catalog", DefaultDataDir() + "/catalog", "directory of catalog NDJSON files"},
      {"output", "", "write the per-article NDJSON here (\"-\" for stdout; default stdout, none with --evaluate)"},
      {"evaluate", "false", "score links against the articles' hand annotations (P/R/F1 per kind)",
       OptionType::kBool},
      {"min-salience", "model",
       "with --evaluate: count mentions at or above this salience (\"0.2\" for all kinds, or "
       "\"places=0.3,people=0.1\"); \"model\": the salience model's per-kind thresholds"},
      {"features", "", "write what the salience model saw for every catalog entity of every article here, "
                       "one JSON object a line (for scripts/train-salience.py)"},
      {"errors", "0", "with --evaluate: list the N most frequent misses and spurious codes per kind", OptionType::kInt},
      {"help", "false", "show this help", OptionType::kBool},
  };
  auto usage = [&] {
    return "usage: streamlens links [options] FILE|DIR...\n\n"
           "Links the entities of every article offline and writes one JSON object per article.\n\n" +
           Config::Usage(flags);
  };
  auto config = Config::Load(flags, args);
  if (!config.ok()) {
    std::cerr << "streamlens links: " << config.status().message() << "\n\n" << usage();
    return 2;
  }
  if (config->GetBool("help")) {
    std::cout << usage();
    return 0;
  }
  if (config->positional().empty()) {
    std::cerr << "streamlens links: name at least one file or directory\n\n" << usage();
    return 2;
  }
  const bool evaluate = config->GetBool("evaluate");

  links::EntityCatalog catalog;
  if (auto s = catalog.LoadDirectory(config->Get("catalog")); !s.ok()) {
    std::cerr << "streamlens links: catalog: " << s.message() << "\n";
    return 1;
  }
  std::array<double, links::kAnnotationKinds> thresholds;
  if (!ParseThresholds(config->Get("min-salience"), catalog.salience_model(), &thresholds)) {
    std::cerr << "streamlens links: --min-salience: expected \"model\", a number or kind=number,... (kinds: "
                 "places, orgs, people, exchanges), got \""
              << config->Get("min-salience") << "\"\n";
    return 2;
  }
  auto linker = links::Linker::Create(catalog);
  if (!linker.ok()) {
    std::cerr << "streamlens links: " << linker.status().message() << "\n";
    return 1;
  }

  std::ostream* out = nullptr;
  std::ofstream file;
  const std::string output = config->Get("output");
  if (output == "-" || (output.empty() && !evaluate)) {
    out = &std::cout;
  } else if (!output.empty()) {
    file.open(output);
    if (!file) {
      std::cerr << "streamlens links: cannot write " << output << "\n";
      return 1;
    }
    out = &file;
  }
  std::ofstream features_file;
  if (const std::string path = config->Get("features"); !path.empty()) {
    features_file.open(path);
    if (!features_file) {
      std::cerr << "streamlens links: cannot write " << path << "\n";
      return 1;
    }
  }
  std::vector<links::EntitySalience> features;

  links::LinkEvaluation evaluation(catalog, thresholds);
  int64_t articles = 0, rejected = 0, bytes = 0, mentions = 0, relations = 0;
  std::chrono::nanoseconds link_time{0};
  v1::EntityLink link;  // reused: Linker::Link overwrites it in place
  loaders::FeedCallbacks callbacks;
  callbacks.on_event = [&](const v1::PublishRequest& request, const std::string& origin) {
    if (!request.has_news()) return;  // earnings reports carry no text to link
    const v1::NewsEvent& article = request.news();
    const auto start = std::chrono::steady_clock::now();
    features.clear();
    (*linker)->Link(article, &link, features_file.is_open() ? &features : nullptr);
    link_time += std::chrono::steady_clock::now() - start;
    if (features_file.is_open() && article.has_annotations()) features_file << AnnotationsJson(article, origin) << "\n";
    for (const auto& f : features) features_file << FeaturesJson(article, origin, f, catalog) << "\n";
    ++articles;
    bytes += static_cast<int64_t>(article.title().size() + article.dateline().size() + article.body().size());
    mentions += link.mentions_size();
    relations += link.relations_size();
    if (evaluate) evaluation.Add(article, link);
    if (out != nullptr) *out << ArticleJson(link, catalog, article) << "\n";
  };
  // Rejections are reported, the first few in full: with Reuters most are
  // earnings tables the figures reader declined, which do not stop linking.
  constexpr int64_t kShownRejections = 10;
  callbacks.on_rejected = [&](const std::string& origin, const std::string& reason) {
    if (++rejected <= kShownRejections) std::cerr << "streamlens links: " << origin << ": " << reason << "\n";
  };
  if (auto s = loaders::ReadFeeds(config->positional(), callbacks); !s.ok()) {
    std::cerr << "streamlens links: " << s.message() << "\n";
    return 1;
  }
  if (out != nullptr) out->flush();
  if (features_file.is_open()) {
    features_file.flush();
    if (!features_file) {
      std::cerr << "streamlens links: cannot write " << config->Get("features") << "\n";
      return 1;
    }
  }

  const double seconds = std::chrono::duration<double>(link_time).count();
  if (rejected > kShownRejections) {
    std::cerr << "streamlens links: ... and " << rejected - kShownRejections << " more rejected pieces\n";
  }
  std::cerr << "linked " << articles << " articles (" << rejected << " rejected pieces), " << mentions << " entity mentions, "
            << relations << " relations; catalog " << catalog.size() << " entities, " << (*linker)->pattern_count()
            << " names; " << (seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0.0) << " MB/s, "
            << (seconds > 0 ? static_cast<double>(articles) / seconds : 0.0) << " articles/s (linking only)\n";
  if (evaluate) {
    std::cout << "Scored " << evaluation.articles() << " annotated articles against <PLACES>, <ORGS>, <PEOPLE>, "
              << "<EXCHANGES>:\n\n"
              << evaluation.Table();
    if (config->GetInt("errors") > 0) std::cout << "\n" << evaluation.Errors(static_cast<int>(config->GetInt("errors")));
  }
  return 0;
}

}  // namespace streamlens::cli
